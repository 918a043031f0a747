package kg.store;

import java.time.Duration;

import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.neo4j.graphdb.security.AuthorizationViolationException;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.memory.MemoryLimitExceededException;

/** Turns the database's exceptions for user mistakes into kg's own messages; the rest pass unchanged. */
final class Failures {

    private Failures() {
    }

    static RuntimeException translate(RuntimeException e, Duration timeout) {
        if (e instanceof kg.UserError) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MemoryLimitExceededException) {
                return new TransactionTooLarge(t.getMessage().lines().findFirst().orElse("memory limit reached"));
            }
            if (t instanceof AuthorizationViolationException) {
                return new WriteRefused();
            }
            if (t instanceof TransactionTerminatedException tt && timeout != null
                    && tt.status() == Status.Transaction.TransactionTimedOut) {
                return new QueryTimedOut(timeout);
            }
            if (t instanceof Status.HasStatus hs) {
                Status status = hs.status();
                if (status == Status.Transaction.TransactionTimedOut
                        || status == Status.Transaction.TransactionTimedOutClientConfiguration) {
                    return timeout != null ? new QueryTimedOut(timeout) : e;
                }
                if (status.code().serialize().startsWith("Neo.ClientError.Security")) {
                    return new WriteRefused();
                }
            }
            if (t instanceof QueryExecutionException q) {
                String code = q.getStatusCode();
                if (code != null && code.startsWith("Neo.ClientError.Security")) {
                    return new WriteRefused();
                }
                if (code != null && code.contains("TransactionTimedOut")) {
                    return timeout != null ? new QueryTimedOut(timeout) : e;
                }
                if (code != null && code.startsWith("Neo.ClientError")) {
                    return new CypherFailed(q.getMessage().lines().findFirst().orElse(q.getMessage()));
                }
            }
        }
        return e;
    }
}
