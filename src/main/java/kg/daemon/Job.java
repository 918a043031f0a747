package kg.daemon;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import kg.store.Tx;

/**
 * One client's command in the daemon. When the client goes away (Ctrl-C, SIGTERM, SIGKILL: its end of the
 * connection closes), the transaction under way is terminated, so it rolls back as it would have in the
 * client's own process; a transaction not yet begun never begins.
 */
final class Job {

    private Tx active;
    private boolean cancelled;
    private boolean wrote;

    /** Runs work in a transaction of this job, which {@link #cancel()} can stop. */
    <T> T track(Tx tx, boolean write, Supplier<T> work) {
        synchronized (this) {
            if (cancelled) {
                throw new CancellationException("the client went away");
            }
            active = tx;
            wrote |= write;
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                active = null;
            }
        }
    }

    synchronized void cancel() {
        cancelled = true;
        if (active != null) {
            active.terminate();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** True when the job was stopped part-way through a write: there was a change to roll back. */
    synchronized boolean interruptedAWrite() {
        return cancelled && wrote;
    }
}
