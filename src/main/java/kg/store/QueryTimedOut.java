package kg.store;

import java.time.Duration;

import kg.UserError;

/** A read ran past its timeout and was stopped. */
public final class QueryTimedOut extends UserError {
    public QueryTimedOut(Duration timeout) {
        super("query stopped: it ran longer than the timeout of " + timeout.toMillis() / 1000.0 + " s", 4);
    }
}
