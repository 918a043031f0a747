package kg.store;

import kg.UserError;

/**
 * A change needed more memory than Neo4j lets transactions use (by default 70 % of the heap): Neo4j rolled it
 * back, so the graph is as it was. A load is one transaction (all or nothing), so the way on is a larger heap.
 */
public final class TransactionTooLarge extends UserError {
    public TransactionTooLarge(String neo4jMessage) {
        super("the change is too large for the memory Neo4j lets one transaction use (" + neo4jMessage
                + "); nothing was written, the graph stays as it was. The limit is 70 % of the Java heap: run kg"
                + " with a larger one, e.g. KG_JAVA_OPTS=-Xmx4g (a load of 10 % new and edited facts into a"
                + " million-entity graph needs about 4 GiB)", 1);
    }
}
