package kg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import kg.UserError;
import kg.export.GraphmlExport;
import kg.export.Selection;
import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.store.GraphStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kg export FORMAT ...}: subgraphs for graph tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Exports the graph, or part of it, for graph tools.",
        subcommands = {ExportCommand.Graphml.class})
final class ExportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a format is required: kg export graphml ...");
    }

    /** {@code kg export graphml -o FILE [selection]}. */
    @Command(name = "graphml", mixinStandardHelpOptions = true,
            description = {"Writes GraphML 1.0 that Gephi, yEd, Cytoscape, networkx and igraph open: node ids are kg ids,"
                    + " every property is a typed key, lists and maps are JSON strings.",
                    "Selection (at most one; none exports the whole graph): --query, --around or --cypher."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "1:nothing to export, an unknown id or query, or a failed statement",
                    "2:usage error", "3:the store is in use by another kg process"})
    static final class Graphml extends StoreCommand {

        /** Elements between two progress lines: a whole-graph export of 1M entities (3.1M elements) prints 12. */
        private static final long PROGRESS_EVERY = 500_000;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "File to write, or - for standard output")
        String output;

        @Option(names = "--query", paramLabel = "NAME", description = "The nodes, relationships and paths a saved query returns")
        String query;

        @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
                description = "A parameter of the saved query (or of --cypher, as name[:type]=value)")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--as-of", paramLabel = "DATE",
                description = "Only relationships valid on this date (2018, 2018-06, 2018-06-15), for --query or --cypher")
        String asOf;

        @Option(names = "--around", paramLabel = "ID", description = "The neighbourhood of this entity")
        String around;

        @Option(names = "--depth", paramLabel = "N", description = "How many relationships away from --around (default 1)")
        Integer depth;

        @Option(names = "--cypher", paramLabel = "STATEMENT",
                description = "A read-only statement returning nodes, relationships or paths")
        String cypher;

        @CommandLine.Mixin
        SchemaOptions schemaOptions;

        private Selection selection;

        @Override
        void before() {
            int chosen = (query != null ? 1 : 0) + (around != null ? 1 : 0) + (cypher != null ? 1 : 0);
            if (chosen > 1) {
                throw usage("choose one selection: --query, --around or --cypher");
            }
            if (query == null && cypher == null && (!parameters.isEmpty() || asOf != null)) {
                throw usage("-p and --as-of go with --query or --cypher");
            }
            if (around == null && depth != null) {
                throw usage("--depth goes with --around");
            }
            if (depth != null && depth < 0) {
                throw usage("--depth must be 0 or more");
            }
            if (cypher != null && cypher.isBlank()) {
                throw usage("--cypher needs a statement");
            }
            if (query != null) {
                PreparedQuery prepared = QueryLibrary.builtIn().prepare(schemaOptions.schema(), query, parameters,
                        new QueryOptions(asOf, null, null, null));
                selection = new Selection.Cypher(prepared.cypher(), prepared.parameters());
            } else if (around != null) {
                selection = new Selection.Around(around, depth == null ? 1 : depth);
            } else if (cypher != null) {
                // As `kg cypher` reads it: -p name[:type]=value, and --as-of where it says /*kg:valid(r)*/true.
                PreparedQuery prepared = QueryLibrary.prepareAdHoc(schemaOptions.schema(), cypher, parameters,
                        new QueryOptions(asOf, null, null, null));
                selection = new Selection.Cypher(prepared.cypher(), prepared.parameters());
            } else {
                selection = new Selection.WholeGraph();
            }
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        @Override
        int run(GraphStore store) {
            PrintWriter progress = err();
            GraphmlExport export = new GraphmlExport(store).withProgress(new GraphmlExport.Progress() {
                @Override
                public void read(long elements) {
                    progress.printf("kg: export: %,d elements read%n", elements);
                    progress.flush();
                }

                @Override
                public void written(long elements) {
                    progress.printf("kg: export: %,d elements written%n", elements);
                    progress.flush();
                }
            }, PROGRESS_EVERY);
            GraphmlExport.Counts counts;
            if (output.equals("-")) {
                // A terminal's encoding is unknown: characters beyond ASCII go as character references.
                counts = export.write(selection, out(), true);
                out().flush();
            } else {
                counts = toFile(export, Invocation.current().path(output));
            }
            err().printf("kg: exported %d nodes and %d edges to %s%n", counts.nodes(), counts.edges(),
                    output.equals("-") ? "standard output" : output);
            return 0;
        }

        /** Writes next to the target and moves it into place, so that a failed export leaves no half file. */
        private GraphmlExport.Counts toFile(GraphmlExport export, Path target) {
            Path absolute = target.toAbsolutePath();
            Path dir = absolute.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new UserError("cannot write " + target + ": no such folder " + dir, 1);
            }
            Path temp = null;
            try {
                // createFile, not createTempFile: the export gets the user's usual permissions, not owner-only.
                temp = Files.createFile(absolute.resolveSibling("." + absolute.getFileName() + "."
                        + Long.toHexString(System.nanoTime()) + ".part"));
                GraphmlExport.Counts counts;
                try (OutputStream stream = Files.newOutputStream(temp)) {
                    counts = export.write(selection, stream, false);
                }
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                temp = null;
                return counts;
            } catch (IOException e) {
                throw new UserError("cannot write " + target + ": " + e.getMessage(), 1);
            } catch (UncheckedIOException e) {
                throw new UserError("cannot write " + target + ": " + e.getCause().getMessage(), 1);
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            }
        }
    }
}
