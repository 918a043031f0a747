package kg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import kg.Json;
import kg.UserError;
import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.query.QueryParameter;
import kg.query.QueryResult;
import kg.query.QueryRunner;
import kg.query.ResultFormat;
import kg.query.SavedQuery;
import kg.store.GraphStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kg query list|show|run}: the saved, parameterised Cypher queries in queries/. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Lists, shows and runs the saved queries (read-only, parameters bound, never concatenated).",
        subcommands = {QueryCommand.ListQueries.class, QueryCommand.Show.class, QueryCommand.Run.class})
final class QueryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show or run");
    }

    /** Which folder of saved queries: the one shipped with kg unless told otherwise. */
    static final class LibraryOptions {
        @Option(names = "--queries", paramLabel = "DIR",
                description = "Folder of saved queries (default: $KG_QUERIES, else the queries shipped with kg)")
        Path dir;

        QueryLibrary library() {
            Path d = dir;
            String env = Invocation.current().env("KG_QUERIES");
            if (d == null && env != null && !env.isBlank()) {
                d = Invocation.current().path(env);
            }
            return d == null ? QueryLibrary.builtIn() : QueryLibrary.read(d);
        }
    }

    /** How a statement is run and printed; shared by {@code kg query run} and {@code kg cypher}. */
    static final class RunOptions {
        @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", mapFallbackValue = "",
                description = "A parameter, bound (never concatenated) into the statement; repeat for more")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--format", defaultValue = "table",
                description = "table (for people), json or csv (for programs); default ${DEFAULT-VALUE}")
        ResultFormat format;

        @Option(names = "--limit", paramLabel = "N", description = "At most N rows")
        Integer limit;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
                description = "Stop the query after this many seconds (0: never); default ${DEFAULT-VALUE}")
        double timeoutSeconds;

        @Option(names = "--as-of", paramLabel = "DATE",
                description = "Only relationships valid on DATE (2018, 2018-06 or 2018-06-15)")
        String asOf;

        @Option(names = "--min-status", paramLabel = "STATUS",
                description = "Leave out claims weaker than STATUS (confirmed > reported > alleged > denied)")
        String minStatus;

        @Mixin
        SchemaOptions schemaOptions;

        QueryOptions options() {
            if (timeoutSeconds < 0 || Double.isNaN(timeoutSeconds)) {
                throw new UserError("--timeout must be 0 (never) or more seconds", 2);
            }
            Duration timeout = timeoutSeconds == 0 ? null : Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
            return new QueryOptions(asOf, minStatus, limit, timeout);
        }

        void print(QueryResult result, long startNanos, PrintWriter out, PrintWriter err) {
            format.write(result, out);
            if (format == ResultFormat.table) {
                long millis = (System.nanoTime() - startNanos) / 1_000_000;
                int n = result.rows().size();
                err.printf("(%d row%s%s, %d ms)%n", n, n == 1 ? "" : "s",
                        result.complete() ? "" : "; more were left out by --limit", millis);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Names and descriptions of the saved queries.")
    static final class ListQueries implements Callable<Integer> {
        @Mixin
        LibraryOptions libraryOptions;

        @Option(names = "--format", defaultValue = "table", description = "table or json")
        ResultFormat format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<SavedQuery> all = libraryOptions.library().all();
            PrintWriter out = spec.commandLine().getOut();
            if (format == ResultFormat.table) {
                int width = all.stream().mapToInt(q -> q.name().length()).max().orElse(0);
                for (SavedQuery q : all) {
                    out.printf("%-" + width + "s  %s%n", q.name(), q.description());
                }
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SavedQuery q : all) {
                    rows.add(describe(q));
                }
                if (format == ResultFormat.json) {
                    out.println(Json.write(Map.of("queries", rows)));
                } else {
                    out.print("name,description\r\n");
                    for (SavedQuery q : all) {
                        out.print(q.name() + ",\"" + q.description().replace("\"", "\"\"") + "\"\r\n");
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    static Map<String, Object> describe(SavedQuery q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.name());
        m.put("description", q.description());
        m.put("filters", q.filtered());
        List<Map<String, Object>> params = new ArrayList<>();
        for (QueryParameter p : q.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.type().yamlName());
            pm.put("required", p.required());
            pm.put("default", p.defaultValue());
            pm.put("example", p.example());
            pm.put("description", p.description());
            params.add(pm);
        }
        m.put("parameters", params);
        return m;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A saved query's description, parameters and Cypher.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        LibraryOptions libraryOptions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            QueryLibrary library = libraryOptions.library();
            SavedQuery q = library.find(name).orElseThrow(() -> new UserError("unknown query `" + name
                    + "`; saved queries: " + String.join(", ", library.all().stream().map(SavedQuery::name).toList()), 2));
            PrintWriter out = spec.commandLine().getOut();
            out.println(q.name() + ": " + q.description());
            if (!q.notes().isEmpty()) {
                out.println();
                q.notes().lines().forEach(l -> out.println("  " + l));
            }
            out.println();
            out.println("Parameters:");
            out.println(q.parameterList());
            out.println(q.filtered() ? "Takes --as-of DATE and --min-status STATUS." : "Does not filter by date or status.");
            out.println();
            out.println("Example:");
            StringBuilder example = new StringBuilder("  kg query run " + q.name());
            for (QueryParameter p : q.exampleCall()) {
                example.append(" -p ").append(p.name()).append('=').append(shellWord(p.example()));
            }
            out.println(example);
            out.println();
            out.println("Cypher (" + q.file() + "):");
            out.println(q.text().stripTrailing());
            out.flush();
            return 0;
        }

        private static String shellWord(String s) {
            return s.matches("[A-Za-z0-9_.,:/-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a saved query read-only.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the query ran", "1:the statement failed or would write", "2:usage error (unknown query,"
                    + " missing, unknown or ill-typed parameter)", "3:the store is in use by another kg process",
                    "4:the query ran past its timeout"})
    static final class Run extends StoreCommand {
        @Parameters(paramLabel = "NAME", description = "A saved query (see `kg query list`)")
        String name;

        @Mixin
        LibraryOptions libraryOptions;

        @Mixin
        RunOptions runOptions;

        private PreparedQuery prepared;
        private QueryOptions options;

        @Override
        void before() {
            // Every parameter mistake is reported before the store is opened.
            options = runOptions.options();
            prepared = libraryOptions.library().prepare(runOptions.schemaOptions.schema(), name, runOptions.parameters,
                    options);
        }

        @Override
        int run(GraphStore store) {
            long start = System.nanoTime();
            QueryResult result = QueryRunner.run(store, prepared, options.timeout(), null);
            runOptions.print(result, start, out(), err());
            return 0;
        }
    }
}
