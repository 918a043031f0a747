package kg.daemon;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kg.cli.Invocation;
import kg.cli.Main;
import kg.query.QueryLibrary;
import kg.query.QueryParameter;
import kg.query.SavedQuery;
import kg.store.EmbeddedStore;
import kg.store.GraphStore;

/** The commands a new daemon runs once, output dropped, so that its clients' first calls find it warm. */
final class WarmUp {

    private WarmUp() {
    }

    /**
     * Commands that need no store: run while the store opens, on the core Neo4j's start leaves idle, they load
     * and link picocli's model of kg's commands, the schema reader and the query library before the first
     * client's command needs them.
     */
    static List<List<String>> withoutStore() {
        return List.of(List.of("schema"), List.of("query", "list"));
    }

    static List<List<String>> commands(Path store) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("stats", "--store", store.toString()));
        for (SavedQuery q : QueryLibrary.builtIn().all()) {
            List<String> args = new ArrayList<>(List.of("query", "run", q.name(), "--store", store.toString()));
            for (QueryParameter p : q.exampleCall()) {
                args.addAll(List.of("-p", p.name() + "=" + p.example()));
            }
            commands.add(args);
        }
        return commands;
    }

    /**
     * Runs {@link #commands} on the store in this process, output dropped. The launcher's class-archive
     * training run does this after the command it was asked for, so that the archive also holds what the
     * saved queries load (APOC's path expanders, more of Cypher's planner): a cold {@code kg query run} on the
     * seed store, in-process, took 4.72 s with such an archive against 5.37 s with one from {@code kg stats}
     * (medians of 6 interleaved runs). It costs the training run, once per build, about 10 s.
     */
    static void inProcess(Path storeDir, String pageCache) {
        try (GraphStore store = EmbeddedStore.open(storeDir, pageCache)) {
            for (List<String> args : commands(storeDir)) {
                run(store, args, new Job());
            }
        } catch (RuntimeException e) {
            // the archive holds less; the command itself has succeeded
        }
    }

    /** Runs one of {@link #commands} on the open store as {@code job}, output dropped; returns its exit code. */
    static int run(GraphStore store, List<String> args, Job job) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Invocation invocation = new Invocation(Path.of(""), Map.of(), (dir, pageCache) -> new SharedStore(store, dir, job),
                job::cancelled);
        return Main.run(none, none, invocation, false, args.toArray(String[]::new));
    }
}
