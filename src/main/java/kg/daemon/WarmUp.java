package kg.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kg.query.QueryLibrary;
import kg.query.QueryParameter;
import kg.query.SavedQuery;

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
}
