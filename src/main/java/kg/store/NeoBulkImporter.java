package kg.store;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.internal.batchimport.input.Groups;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.internal.SimpleLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

/**
 * Runs Neo4j's bulk importer (the engine behind {@code neo4j-admin database import}) in this process, fed
 * straight from the facts: no CSV files in between. The loader pushes nodes and relationships from its
 * single reading thread; the importer's worker threads pull them in chunks through a small bounded queue,
 * so only a few chunks are ever in memory.
 */
final class NeoBulkImporter {

    private static final int CHUNK = 4_096;
    private static final Object[] END = new Object[0];

    private NeoBulkImporter() {
    }

    /** Writes a complete database named {@code database} under {@code home} (a fresh folder). */
    static void importInto(Path home, String database, BulkImport.Input input) {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home.toAbsolutePath()).build();
        StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
        DatabaseLayout layout = engine.databaseLayout(Neo4jLayout.of(config), database);
        NodeNumbers numbers = new NodeNumbers();
        InputIterable nodes = () -> new Pushed<Numbered>(sink -> {
            numbers.restart();
            input.nodes(n -> sink.accept(new Numbered(numbers.add(n.space(), n.key()), n)));
        }, (numbered, v) -> {
            BulkImport.Node n = numbered.node();
            v.id(numbered.number());
            v.labels(n.labels());
            properties(n.properties(), v);
        });
        InputIterable relationships = () -> new Pushed<BulkImport.Relationship>(sink -> input.relationships(sink), (r, v) -> {
            v.startId(numbers.of(r.space(), r.from()));
            v.endId(numbers.of(r.space(), r.to()));
            v.type(r.type());
            properties(r.properties(), v);
        });
        // Estimates only size the importer's caches; zero lets it work them out as it goes.
        Input.Estimates estimates = Input.knownEstimates(0, 0, 0, 0, 0, 0, 0);
        Configuration importConfig = new Configuration() {
            @Override
            public int maxNumberOfWorkerThreads() {
                return Math.max(2, Runtime.getRuntime().availableProcessors());
            }
        };
        try (JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
            BatchImporter importer = engine.batchImporter(layout, new DefaultFileSystemAbstraction(), PageCacheTracer.NULL,
                    importConfig, new SimpleLogService(NullLogProvider.getInstance()), new PrintStream(
                            java.io.OutputStream.nullOutputStream()), false, DefaultAdditionalIds.EMPTY, config,
                    Monitor.NO_MONITOR, scheduler, Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(),
                    new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, FixedVersionContextSupplier.EMPTY_CONTEXT_SUPPLIER));
            importer.doImport(Input.input(nodes, relationships, IdType.ACTUAL, estimates, new Groups()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Properties as the importer takes them: lists become arrays (arrays pass), nulls are left out (as Cypher's SET does). */
    private static void properties(Map<String, Object> properties, InputEntityVisitor visitor) {
        properties.forEach((key, value) -> {
            if (value != null) {
                visitor.property(key, value instanceof List<?> list ? array(list) : value);
            }
        });
    }

    /** Typed arrays built directly: {@code java.lang.reflect.Array.set} per item was a twelfth of the import's CPU. */
    private static Object array(List<?> list) {
        Object first = list.isEmpty() ? "" : list.get(0);
        int n = list.size();
        if (first instanceof Long) {
            long[] array = new long[n];
            for (int i = 0; i < n; i++) {
                array[i] = (Long) list.get(i);
            }
            return array;
        }
        if (first instanceof Double) {
            double[] array = new double[n];
            for (int i = 0; i < n; i++) {
                array[i] = (Double) list.get(i);
            }
            return array;
        }
        if (first instanceof Boolean) {
            boolean[] array = new boolean[n];
            for (int i = 0; i < n; i++) {
                array[i] = (Boolean) list.get(i);
            }
            return array;
        }
        String[] array = new String[n];
        for (int i = 0; i < n; i++) {
            array[i] = (String) list.get(i);
        }
        return array;
    }

    /** A node with the id it is written at. */
    private record Numbered(long number, BulkImport.Node node) {
    }

    /** How one pushed item is told to the importer. */
    private interface Visit<T> {
        void accept(T item, InputEntityVisitor visitor);
    }

    /**
     * Items pushed by a producer thread (running the loader's pass over the facts) into a bounded queue of
     * chunks, pulled by the importer's threads. A failure of the producer fails the import.
     */
    private static final class Pushed<T> implements InputIterator {
        private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(8);
        private final Visit<T> visit;
        private final Thread producer;
        private volatile Throwable failure;
        private volatile boolean closed;

        Pushed(Consumer<Consumer<T>> source, Visit<T> visit) {
            this.visit = visit;
            this.producer = new Thread(() -> {
                List<Object> chunk = new ArrayList<>(CHUNK);
                try {
                    source.accept(item -> {
                        chunk.add(item);
                        if (chunk.size() == CHUNK) {
                            put(chunk.toArray());
                            chunk.clear();
                        }
                    });
                    if (!chunk.isEmpty()) {
                        put(chunk.toArray());
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    try {
                        put(END);
                    } catch (RuntimeException ignored) {
                        // closed: nobody is waiting
                    }
                }
            }, "kg-bulk-input");
            producer.setDaemon(true);
            producer.start();
        }

        private void put(Object[] items) {
            try {
                while (!closed && !queue.offer(items, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // the importer is busy: wait for room
                }
                if (closed) {
                    throw new IllegalStateException("bulk import closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bulk import interrupted", e);
            }
        }

        @Override
        public InputChunk newChunk() {
            return new Chunk<>(visit);
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean next(InputChunk chunk) throws IOException {
            Object[] items;
            try {
                items = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("bulk import interrupted", e);
            }
            if (items == END) {
                queue.offer(END); // for the importer's other threads
                if (failure != null) {
                    throw new IOException("reading the facts failed: " + failure.getMessage(), failure);
                }
                return false;
            }
            ((Chunk<T>) chunk).items = items;
            ((Chunk<T>) chunk).next = 0;
            return true;
        }

        @Override
        public void close() {
            closed = true;
            queue.clear();
        }
    }

    private static final class Chunk<T> implements InputChunk {
        private final Visit<T> visit;
        Object[] items;
        int next;

        Chunk(Visit<T> visit) {
            this.visit = visit;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean next(InputEntityVisitor visitor) throws IOException {
            if (items == null || next >= items.length) {
                return false;
            }
            visit.accept((T) items[next++], visitor);
            visitor.endOfEntity();
            return true;
        }

        @Override
        public void close() {
        }
    }
}
