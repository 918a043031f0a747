package kg.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import kg.store.Rows;
import kg.store.Tx;

/**
 * A load's transaction with its write statements run on a second thread, while the loader goes on validating and
 * comparing the next facts on its own: a profile of the 1M incremental load showed the main thread busy and the
 * second core idle outside garbage collections. Still one transaction, its statements run in the order they were
 * given, and never by two threads at once: {@link #run} (a statement whose rows the caller reads) first waits
 * for every statement given before it, and runs on the caller's thread.
 *
 * <p>A statement that fails on the second thread fails the load: the failure is thrown, as it was raised, by the
 * next call on the caller's side ({@link #submit}, {@link #run}, {@link #finish}). {@link #close} waits for a
 * statement under way and drops the rest, so the transaction is idle when it is rolled back or committed.
 */
final class WriteBehind implements Tx, AutoCloseable {

    /** Statements queued ahead of the writer: enough to keep it busy, few enough that memory stays flat. */
    private static final int AHEAD = 2;

    private static final Consumer<Tx> STOP = tx -> { };

    private final Tx tx;
    private final BlockingQueue<Consumer<Tx>> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Object lock = new Object();
    /** Statements given and not yet done; guarded by {@code lock}. */
    private int pending;
    /** The first failure on the writer's side; guarded by {@code lock}. */
    private RuntimeException failure;
    /** Once set, queued statements are dropped (the load failed or is over). */
    private volatile boolean dropping;
    private Thread writer;

    WriteBehind(Tx tx) {
        this.tx = tx;
    }

    /** Runs {@code statement} with the transaction, after those given before it; on the second thread once started. */
    void submit(Consumer<Tx> statement) {
        rethrow();
        if (writer == null) {
            statement.accept(tx);
            return;
        }
        synchronized (lock) {
            pending++;
        }
        try {
            queue.put(statement);
        } catch (InterruptedException e) {
            synchronized (lock) {
                pending--;
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        }
    }

    /** From here on, {@link #submit} hands statements to a second thread. */
    void start() {
        if (writer != null) {
            return;
        }
        writer = new Thread(this::write, "kg-load-write");
        writer.setDaemon(true);
        writer.start();
    }

    /** True while statements given to {@link #submit} run on the second thread. */
    boolean behind() {
        return writer != null;
    }

    /** Waits for every statement given so far, stops the second thread and throws its failure, if any. */
    void finish() {
        idle();
        stop();
        rethrow();
    }

    /** Waits for the statements given before it, then runs this one on the caller's thread. */
    @Override
    public Rows run(String cypher, Map<String, Object> parameters) {
        idle();
        rethrow();
        return tx.run(cypher, parameters);
    }

    @Override
    public void terminate() {
        tx.terminate();
    }

    /** Waits for a statement under way and drops the queued ones. */
    @Override
    public void close() {
        dropping = true;
        stop();
    }

    private void write() {
        while (true) {
            Consumer<Tx> statement = take();
            if (statement == STOP) {
                return;
            }
            try {
                if (!dropping) {
                    statement.accept(tx);
                }
            } catch (RuntimeException | Error e) {
                dropping = true;
                synchronized (lock) {
                    if (failure == null) {
                        failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                }
            } finally {
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        }
    }

    /** The next statement; the writer is never interrupted (an interrupt inside Neo4j's file reads closes files). */
    private Consumer<Tx> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // not ours to act on: STOP ends the thread
            }
        }
    }

    private void idle() {
        boolean interrupted = false;
        synchronized (lock) {
            while (pending > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the statements under way are in the transaction: wait for them all the same
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        if (writer == null) {
            return;
        }
        if (dropping) {
            List<Consumer<Tx>> dropped = new ArrayList<>();
            queue.drainTo(dropped);
            synchronized (lock) {
                pending -= dropped.size();
                lock.notifyAll();
            }
        }
        // Only this thread puts statements in the queue; once a statement under way is done, STOP ends the writer.
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        writer = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        RuntimeException e;
        synchronized (lock) {
            e = failure;
        }
        if (e != null) {
            throw e;
        }
    }
}
