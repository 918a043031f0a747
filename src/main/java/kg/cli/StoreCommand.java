package kg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import kg.store.GraphStore;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command that works on the store: opens it, runs, and always closes it. */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        before();
        try (GraphStore store = storeOptions.open()) {
            return run(store);
        }
    }

    /** Work that needs no store (such as validating input) and may fail before the store is opened. */
    void before() {
    }

    abstract int run(GraphStore store);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
