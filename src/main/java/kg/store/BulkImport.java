package kg.store;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A store's fast path for filling an empty graph, as Neo4j's bulk importer ({@code neo4j-admin database
 * import}) does: the graph is written into a fresh database beside the store, bypassing transactions, and
 * swapped in only once complete, so a failure or a kill leaves the empty graph as it was. Only an embedded
 * store can offer it; every other load, and every load through any other store, goes through Cypher.
 */
public interface BulkImport {

    /** True when the graph has no nodes and no relationships (schema and notes aside). */
    boolean graphIsEmpty();

    /**
     * Replaces the empty graph with the nodes and relationships {@code input} pushes, all or nothing. The
     * store's own schema (constraints, indexes) is not carried over: apply it again afterwards.
     */
    void replaceEmptyGraph(Input input);

    /** What to import, pushed in two passes: every node first, then every relationship. */
    interface Input {
        void nodes(Consumer<Node> sink);

        void relationships(Consumer<Relationship> sink);

        /** True when the input found, while being pushed, that it must not be imported: the graph stays empty. */
        default boolean abandoned() {
            return false;
        }
    }

    /**
     * A node with its labels and properties (plain values: strings, numbers, booleans, lists of them; null
     * values are left out). {@code space} and {@code key} identify it for the relationships: nodes of one
     * space have distinct keys.
     */
    record Node(String space, String key, String[] labels, Map<String, Object> properties) {
    }

    /** A relationship between two nodes given by space and key; properties as a node's (lists may come as arrays). */
    record Relationship(String space, String from, String to, String type, Map<String, Object> properties) {
    }
}
