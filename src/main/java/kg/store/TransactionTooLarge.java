package kg.store;

import kg.UserError;

/**
 * A transaction (a load's change, or a query) needed more memory than Neo4j lets transactions use (by default
 * 70 % of the heap): Neo4j stopped it and rolled it back. A load is one transaction (all or nothing), so the
 * way on is a larger heap.
 */
public final class TransactionTooLarge extends UserError {
    public TransactionTooLarge(String neo4jMessage) {
        super("this needs more memory than Neo4j lets one transaction use (" + neo4jMessage
                + "); Neo4j stopped it and nothing was written, the graph stays as it was. The limit is 70 % of the"
                + " Java heap: run kg with a larger one, e.g. KG_JAVA_OPTS=-Xmx4g (10 % new and edited facts"
                + " loaded into a million-entity graph failed with -Xmx2g and loaded with -Xmx4g)", 1);
    }
}
