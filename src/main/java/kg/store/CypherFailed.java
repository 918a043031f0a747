package kg.store;

import kg.UserError;

/** A statement Neo4j rejected (syntax, semantics, a missing procedure): the database's own message. */
public final class CypherFailed extends UserError {
    public CypherFailed(String message) {
        super("Cypher error: " + message, 1);
    }
}
