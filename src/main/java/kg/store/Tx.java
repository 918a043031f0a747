package kg.store;

import java.util.Map;

/** A transaction of the {@link GraphStore}: runs Cypher with bound parameters. */
public interface Tx {

    /** Runs a statement; the rows are read lazily and must be consumed (or closed) inside the transaction. */
    Rows run(String cypher, Map<String, Object> parameters);

    default Rows run(String cypher) {
        return run(cypher, Map.of());
    }

    /**
     * Stops this transaction from another thread (the kg daemon does when its client goes away): whatever runs
     * in it fails, and it rolls back.
     */
    default void terminate() {
        throw new UnsupportedOperationException("this transaction cannot be stopped from outside");
    }
}
