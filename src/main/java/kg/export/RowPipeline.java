package kg.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import kg.store.Rows;

/**
 * Rows read on the calling thread (the transaction's) and handled, in order, on a second thread: reading from
 * the store and rendering what was read each took about half of a large export's time, so on two cores they
 * overlap. The queue between them holds a few batches at most, so memory stays flat; a failure on either side
 * stops both and is thrown here.
 */
final class RowPipeline {

    static final int BATCH = 512;
    private static final int BATCHES_AHEAD = 4;
    private static final List<Map<String, Object>> END = List.of();

    private RowPipeline() {
    }

    static void run(Rows rows, Consumer<Map<String, Object>> handler) {
        BlockingQueue<List<Map<String, Object>>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                for (List<Map<String, Object>> batch = queue.take(); batch != END; batch = queue.take()) {
                    batch.forEach(handler);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the reading side failed and stopped us
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "kg-export-render");
        worker.setDaemon(true);
        worker.start();
        boolean finished = false;
        try {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH);
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == BATCH) {
                    hand(queue, batch, failure);
                    batch = new ArrayList<>(BATCH);
                }
            }
            hand(queue, batch, failure);
            hand(queue, END, failure);
            join(worker);
            finished = true;
        } finally {
            if (!finished) {
                worker.interrupt();
                join(worker);
            }
        }
        rethrow(failure.get());
    }

    private static void hand(BlockingQueue<List<Map<String, Object>>> queue, List<Map<String, Object>> batch,
                             AtomicReference<Throwable> failure) {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                rethrow(failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting", e);
        }
    }

    private static void join(Thread worker) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
