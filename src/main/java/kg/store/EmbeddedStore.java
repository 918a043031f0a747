package kg.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AbstractSecurityLog;
import org.neo4j.internal.kernel.api.security.AccessMode;
import org.neo4j.internal.kernel.api.security.AuthSubject;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.database.PrivilegeDatabaseReference;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;

/**
 * The graph in an embedded Neo4j under one folder (default {@code .kg/store}). Holds an exclusive lock on
 * {@code kg.lock} there for as long as it is open, so that a second kg process is told the store is in use
 * instead of meeting Neo4j's own lock. Nothing listens on the network and nothing is reported home.
 */
public final class EmbeddedStore implements GraphStore {

    /** Page cache when nothing else is said: modest, because Neo4j's own default takes half the RAM. */
    public static final String DEFAULT_PAGE_CACHE = "256m";

    /** The name in {@code CREATE INDEX name IF NOT EXISTS ...} and {@code CREATE CONSTRAINT name IF NOT EXISTS}. */
    private static final java.util.regex.Pattern SCHEMA_NAME = java.util.regex.Pattern.compile(
            "^CREATE (?:\\w+ )?(?:INDEX|CONSTRAINT) (\\w+) IF NOT EXISTS");

    private static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

    /** Read-only, whatever the statement: Neo4j itself refuses writes in this mode. */
    private static final LoginContext READ_ONLY = new LoginContext(AuthSubject.AUTH_DISABLED,
            ClientConnectionInfo.EMBEDDED_CONNECTION) {
        @Override
        public SecurityContext authorize(IdLookup idLookup, PrivilegeDatabaseReference database, AbstractSecurityLog log) {
            return LoginContext.AUTH_DISABLED.authorize(idLookup, database, log).withMode(AccessMode.Static.READ);
        }
    };

    private static final java.util.Set<Path> OPEN_IN_THIS_PROCESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final String pageCache;
    private final Path key;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Replaced (never while a transaction is open) when a bulk import swaps in a new database. */
    private volatile DatabaseManagementService dbms;
    private volatile GraphDatabaseAPI db;
    private final Thread shutdownHook;
    private static volatile boolean interruptedBySignal;
    private final java.util.concurrent.atomic.AtomicInteger writesUnderWay = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    private EmbeddedStore(Path dir, String pageCache, Path key, FileChannel lockChannel, FileLock lock,
                          DatabaseManagementService dbms) {
        this.dir = dir;
        this.pageCache = pageCache;
        this.key = key;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.dbms = dbms;
        this.db = (GraphDatabaseAPI) dbms.database(DATABASE);
        this.shutdownHook = new Thread(this::shutdownOnSignal, "kg-store-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Opens (creating if need be) the store in {@code dir}; page cache as in {@code 256m} or {@code 2g}. */
    public static EmbeddedStore open(Path dir, String pageCache) {
        FileChannel channel = null;
        Path key = null;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
            // Closing any channel on a locked file drops this process's lock on it (POSIX), so a store this
            // process already holds must be refused before the lock file is touched again.
            if (!OPEN_IN_THIS_PROCESS.add(key)) {
                key = null;
                throw new StoreInUse(dir.toString());
            }
            channel = FileChannel.open(dir.resolve("kg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreInUse(dir.toString());
            }
            // A bulk import killed after it completed but before its database was in place is finished first.
            BulkSwap.finish(dir);
            EmbeddedStore store = new EmbeddedStore(dir, pageCache, key, channel, lock, start(dir, pageCache));
            Apoc.register(store.db);
            return store;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (key != null) {
                OPEN_IN_THIS_PROCESS.remove(key);
            }
            if (e instanceof IOException) {
                throw new kg.UserError("cannot open store " + dir + ": " + e.getMessage(), 1);
            }
            throw (RuntimeException) e;
        }
    }

    private static DatabaseManagementService start(Path dir, String pageCache) {
        return new DatabaseManagementServiceBuilder(dir)
                .setConfig(GraphDatabaseSettings.pagecache_memory, org.neo4j.io.ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setUserLogProvider(NullLogProvider.getInstance())
                .build();
    }

    @Override
    public java.util.Optional<BulkImport> bulkImport() {
        return java.util.Optional.of(new BulkImport() {
            @Override
            public boolean graphIsEmpty() {
                return read(tx -> ((Number) tx.run("MATCH (n) RETURN count(n) AS n").single().get("n")).longValue() == 0
                        && ((Number) tx.run("MATCH ()-[r]->() RETURN count(r) AS n").single().get("n")).longValue() == 0);
            }

            @Override
            public void replaceEmptyGraph(Input input) {
                replaceDatabase(input);
            }
        });
    }

    /**
     * Imports into a fresh database beside the store, then, with the store still locked by this process,
     * stops Neo4j, swaps the new database in (see {@link BulkSwap}) and starts Neo4j again.
     */
    private synchronized void replaceDatabase(BulkImport.Input input) {
        if (!graphIsEmptyNow()) {
            throw new IllegalStateException("bulk import into a graph that is not empty");
        }
        Path staging = BulkSwap.staging(dir);
        BulkSwap.clear(staging);
        writesUnderWay.incrementAndGet();
        try {
            try {
                NeoBulkImporter.importInto(staging, DATABASE, input);
            } catch (RuntimeException e) {
                BulkSwap.clear(staging);
                throw e;
            }
            if (input.abandoned()) {
                BulkSwap.clear(staging);
                return;
            }
            dbms.shutdown();
            try {
                BulkSwap.commit(dir);
            } finally {
                dbms = start(dir, pageCache);
                db = (GraphDatabaseAPI) dbms.database(DATABASE);
                Apoc.register(db);
            }
        } finally {
            writesUnderWay.decrementAndGet();
        }
    }

    private boolean graphIsEmptyNow() {
        return bulkImport().orElseThrow().graphIsEmpty();
    }

    @Override
    public <T> T read(Duration timeout, Work<T> work) {
        long millis = timeout == null ? 0 : Math.max(1, timeout.toMillis());
        try (Transaction tx = db.beginTransaction(KernelTransaction.Type.EXPLICIT, READ_ONLY,
                ClientConnectionInfo.EMBEDDED_CONNECTION, millis, TimeUnit.MILLISECONDS)) {
            T result = work.run(new EmbeddedTx(tx, true));
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            throw Failures.translate(e, timeout);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        writesUnderWay.incrementAndGet();
        try (Transaction tx = db.beginTx()) {
            T result = work.run(new EmbeddedTx(tx, false));
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            throw Failures.translate(e, null);
        } finally {
            writesUnderWay.decrementAndGet();
        }
    }

    /** True once Ctrl-C or a termination signal has begun closing a store: the work under way is abandoned. */
    public static boolean interrupted() {
        return interruptedBySignal;
    }

    private void shutdownOnSignal() {
        interruptedBySignal = true;
        if (writesUnderWay.get() > 0) {
            System.err.println("kg: interrupted: the unfinished change is rolled back; the graph stays as it was");
        }
        shutdown();
    }

    @Override
    public void applySchema(List<String> statements) {
        // Each statement costs a Cypher compilation even when the index exists: skip the ones already there.
        java.util.Set<String> existing = new java.util.HashSet<>();
        try (Transaction tx = db.beginTx()) {
            tx.execute("SHOW INDEXES YIELD name").forEachRemaining(row -> existing.add((String) row.get("name")));
            tx.execute("SHOW CONSTRAINTS YIELD name").forEachRemaining(row -> existing.add((String) row.get("name")));
            tx.commit();
        }
        List<String> missing = statements.stream().filter(s -> {
            java.util.regex.Matcher m = SCHEMA_NAME.matcher(s);
            return !m.find() || !existing.contains(m.group(1));
        }).toList();
        if (!missing.isEmpty()) {
            try (Transaction tx = db.beginTx()) {
                for (String statement : missing) {
                    tx.execute(statement).close();
                }
                tx.commit();
            }
        }
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(5, TimeUnit.MINUTES);
        }
    }

    @Override
    public java.util.Optional<java.io.InputStream> readNote(String name) {
        try {
            return java.util.Optional.of(new java.io.BufferedInputStream(Files.newInputStream(noteFile(name)), 1 << 16));
        } catch (IOException e) {
            return java.util.Optional.empty(); // none (or unreadable: then the next load reads every file)
        }
    }

    @Override
    public void writeNote(String name, NoteContent content) {
        Path file = noteFile(name);
        try {
            if (content == null) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new kg.UserError("cannot write " + file + ": " + e.getMessage(), 1);
        }
    }

    /** Notes live in the store folder as kg-note-NAME; names are kg's own constants, never user input. */
    private Path noteFile(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("bad note name " + name);
        }
        return dir.resolve("kg-note-" + name);
    }

    @Override
    public String describe() {
        return describe(dir);
    }

    /** How messages name the store in a folder (the kg daemon names its store as each client typed it). */
    public static String describe(Path dir) {
        return "embedded store " + dir;
    }

    /** The version of the embedded Neo4j on the class path. */
    public static String neo4jVersion() {
        return org.neo4j.kernel.internal.Version.getNeo4jVersion();
    }

    GraphDatabaseService database() {
        return db;
    }

    @Override
    public void close() {
        shutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            dbms.shutdown();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // released with the channel
            }
            closeQuietly(lockChannel);
            OPEN_IN_THIS_PROCESS.remove(key);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /**
     * Runs statements in an embedded transaction and converts what comes back to plain values. In a read-only
     * transaction nothing changes under a statement, so each node and relationship it returns is converted once
     * (paths of one result share most of their nodes).
     */
    private record EmbeddedTx(Transaction tx, boolean readOnly) implements Tx {
        @Override
        public void terminate() {
            tx.terminate();
        }

        @Override
        public Rows run(String cypher, Map<String, Object> parameters) {
            Result result = tx.execute(cypher, parameters);
            List<String> columns = List.copyOf(result.columns());
            PlainValues values = new PlainValues(readOnly);
            return new Rows() {
                @Override
                public List<String> columns() {
                    return columns;
                }

                @Override
                public boolean hasNext() {
                    return result.hasNext();
                }

                @Override
                public Map<String, Object> next() {
                    Map<String, Object> row = result.next();
                    Map<String, Object> out = new java.util.LinkedHashMap<>();
                    for (String column : columns) {
                        out.put(column, values.of(row.get(column)));
                    }
                    return out;
                }

                @Override
                public void close() {
                    result.close();
                }
            };
        }
    }
}
