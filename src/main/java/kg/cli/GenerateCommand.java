package kg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import kg.UserError;
import kg.generate.Generator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kg generate --entities N --out DIR}: synthetic fact files for benchmarks and load tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes synthetic but realistic fact files (companies, people, agencies, laws, countries;"
                + " power-law degrees, ownership chains up to 10 deep with shares, cycles, dated positions),"
                + " about two relationships per entity. The same seed gives the same bytes."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "2:usage error"})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--entities", required = true, paramLabel = "N", description = "How many entities")
    int entities;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write facts-NNNNN.yaml into")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--per-file", paramLabel = "N", defaultValue = "20000",
            description = "Entities per file (default: ${DEFAULT-VALUE})")
    int perFile;

    @Option(names = "--edit", paramLabel = "PERCENT", defaultValue = "0",
            description = "Write a later revision of the same data: PERCENT/2 %% of entities edited, PERCENT/2 %% added")
    double editPercent;

    @Option(names = "--edited-files", paramLabel = "PERCENT", defaultValue = "100",
            description = "With --edit: the edits fall in the last PERCENT %% of the files only (default: ${DEFAULT-VALUE}, every file)")
    double editedFilesPercent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Generator.Settings settings;
        try {
            settings = new Generator.Settings(entities, seed, perFile, editPercent, editedFilesPercent);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        long start = System.nanoTime();
        Generator.Summary s = new Generator(settings).write(out);
        spec.commandLine().getOut().printf("wrote %d files to %s: %d sources, %d entities, %d relationships in %.1f s%n",
                s.files(), out, s.sources(), s.entities(), s.relationships(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
