package kg.cli;

import kg.store.GraphStore;

/** A command that works on the store: opens it, runs, and always closes it. */
abstract class StoreCommand extends StoreAware {

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
}
