package kg.facts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import kg.schema.Schema;

/**
 * Reads the files of a set on worker threads (parsing and checking each item is most of a load's work, and
 * files are independent), and hands what each file yields to the caller's thread in file order: the same
 * facts, problems and references in the same order as reading the files one after another. Each worker
 * runs ahead of the caller by a few small chunks only, so memory stays flat however large the files.
 */
final class ReadAhead {

    /** What one file yields, in order. */
    interface Sink {
        void fact(Fact fact);

        void problem(Problem problem);

        void reference(ItemValidator.Reference reference);

        /** What follows, until the next call, comes from the file at this index of the list. */
        default void file(int index) {
        }
    }

    private static final int CHUNK = 512;
    private static final int CHUNKS_AHEAD = 4;
    private static final Object[] END = new Object[0];

    private final List<Path> files;
    private final FactLimits limits;
    private final Schema schema;
    private final List<BlockingQueue<Object[]>> queues = new ArrayList<>();
    private final AtomicInteger nextFile = new AtomicInteger();
    private volatile boolean stopped;

    private ReadAhead(List<Path> files, FactLimits limits, Schema schema) {
        this.files = files;
        this.limits = limits;
        this.schema = schema;
        for (int i = 0; i < files.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(CHUNKS_AHEAD));
        }
    }

    static void read(List<Path> files, FactLimits limits, Schema schema, Sink sink) {
        new ReadAhead(files, limits, schema).run(sink, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
    }

    private void run(Sink sink, int workers) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "kg-read-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            for (int i = 0; i < queues.size(); i++) {
                BlockingQueue<Object[]> queue = queues.get(i);
                sink.file(i);
                for (Object[] chunk = take(queue); chunk != END; chunk = take(queue)) {
                    for (Object item : chunk) {
                        if (item instanceof Fact f) {
                            sink.fact(f);
                        } else if (item instanceof Problem p) {
                            sink.problem(p);
                        } else if (item instanceof ItemValidator.Reference r) {
                            sink.reference(r);
                        } else {
                            throw ((Failed) item).asRuntime();
                        }
                    }
                }
            }
        } finally {
            // On the caller's failure (or an interrupt), workers stop at their next chunk.
            stopped = true;
            threads.forEach(Thread::interrupt);
        }
    }

    private void work() {
        for (int i = nextFile.getAndIncrement(); i < files.size() && !stopped; i = nextFile.getAndIncrement()) {
            BlockingQueue<Object[]> queue = queues.get(i);
            List<Object> chunk = new ArrayList<>(CHUNK);
            try {
                ItemValidator validator = new ItemValidator(schema, chunk::add, chunk::add);
                Path file = files.get(i);
                FactFileReader.read(file, file.toString(), limits, new FactFileReader.Handler() {
                    @Override
                    public void item(FactFileReader.Section section, YNode.Mapping item) {
                        Fact fact = switch (section) {
                            case SOURCES -> validator.source(item);
                            case ENTITIES -> validator.entity(item);
                            case RELATIONSHIPS -> validator.relationship(item);
                        };
                        if (fact != null) {
                            chunk.add(fact);
                        }
                        if (chunk.size() >= CHUNK) {
                            put(queue, chunk);
                        }
                    }

                    @Override
                    public void problem(Problem problem) {
                        chunk.add(problem);
                    }
                });
            } catch (Stopped e) {
                return;
            } catch (RuntimeException | Error e) {
                chunk.add(new Failed(e));
            }
            try {
                put(queue, chunk);
                offer(queue, END);
            } catch (Stopped e) {
                return;
            }
        }
    }

    private void put(BlockingQueue<Object[]> queue, List<Object> chunk) {
        if (!chunk.isEmpty()) {
            offer(queue, chunk.toArray());
            chunk.clear();
        }
    }

    private void offer(BlockingQueue<Object[]> queue, Object[] items) {
        try {
            while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private static Object[] take(BlockingQueue<Object[]> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the fact files", e);
        }
    }

    /** A worker's unexpected failure, rethrown on the caller's thread where the file's items stop. */
    private record Failed(Throwable failure) {
        RuntimeException asRuntime() {
            return failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
        }
    }

    /** The caller stopped reading: the worker leaves. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
