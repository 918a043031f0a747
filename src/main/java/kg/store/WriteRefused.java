package kg.store;

import kg.UserError;

/** A statement run read-only tried to write. */
public final class WriteRefused extends UserError {
    public WriteRefused() {
        super("refused: the statement would change the graph; saved queries and `kg cypher` run read-only"
                + " (use `kg load` to change the graph)", 1);
    }
}
