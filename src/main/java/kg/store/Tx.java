package kg.store;

import java.util.Map;

/** A transaction of the {@link GraphStore}: runs Cypher with bound parameters. */
public interface Tx {

    /** Runs a statement; the rows are read lazily and must be consumed (or closed) inside the transaction. */
    Rows run(String cypher, Map<String, Object> parameters);

    default Rows run(String cypher) {
        return run(cypher, Map.of());
    }
}
