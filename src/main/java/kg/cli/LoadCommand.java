package kg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import kg.facts.FactSet;
import kg.load.InvalidFacts;
import kg.load.LoadReport;
import kg.load.Loader;
import kg.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kg load PATH...}: validate, then make the graph match the files exactly, all or nothing. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Validates the fact files and, only if they are valid, makes the graph match them exactly:"
                + " new facts are created, edited ones updated, deleted ones removed. All or nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:loaded", "1:the facts have problems (nothing was loaded)", "2:usage error",
                "3:the store is in use by another kg process"})
final class LoadCommand extends StoreCommand {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Fact files, or folders of *.yaml files")
    List<Path> paths;

    @Mixin
    ValidateCommand.FactOptions factOptions;

    /** Long loads say how far they are, on stderr; short ones stay quiet. */
    private static final long PROGRESS_EVERY = 50_000;

    private FactSet facts;

    @Override
    void before() {
        facts = FactSet.of(paths);
        factOptions.checkSourcesDir();
        factOptions.schema = factOptions.schemaOptions.schema();
    }

    @Override
    int run(GraphStore store) {
        long start = System.nanoTime();
        Loader loader = new Loader(store, factOptions.schema);
        // Files that look just like the last load's (the store's hint says so) are checked against the manifest
        // in the graph first: when they are unchanged there is nothing to validate or load.
        boolean maybeUnchanged = factOptions.sourcesDir == null && LoadHint.matches(storeOptions.storeDir(), facts.files());
        LoadReport loaded = maybeUnchanged ? loader.unchangedSinceLastLoad(facts).orElse(null) : null;
        if (loaded == null) {
            LoadHint.forget(storeOptions.storeDir());
            long[] reported = {0};
            try {
                loaded = loader.load(facts, Optional.ofNullable(factOptions.sourcesDir), processed -> {
                    if (processed / PROGRESS_EVERY > reported[0]) {
                        reported[0] = processed / PROGRESS_EVERY;
                        err().printf("kg: load: %,d facts processed%n", processed);
                    }
                });
            } catch (InvalidFacts e) {
                ValidateCommand.FactOptions.printProblems(e.report(), err());
                throw new kg.UserError("nothing was loaded: the facts have problems", 1);
            }
            LoadHint.remember(storeOptions.storeDir(), facts.files());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int files = facts.files().size();
        String unread = loaded.filesRead() < files
                ? String.format(" (%d unchanged since the last load, not read)", files - loaded.filesRead()) : "";
        out().printf("loaded %d files%s into %s in %.1f s%n", files, unread, store.describe(), millis / 1000.0);
        line("sources", loaded.sources());
        line("entities", loaded.entities());
        line("relationships", loaded.relationships());
        return 0;
    }

    private void line(String what, LoadReport.Counts c) {
        out().printf("  %-14s %8d created %8d updated %8d removed %8d unchanged%n", what + ":", c.created(), c.updated(),
                c.removed(), c.unchanged());
    }
}
