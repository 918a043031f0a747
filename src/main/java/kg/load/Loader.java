package kg.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import kg.facts.FactSet;
import kg.facts.FileFacts;
import kg.schema.Schema;
import kg.store.BulkImport;
import kg.store.GraphStore;

/**
 * Makes the graph match a validated fact set exactly, in one transaction: facts new to the store are
 * created, edited ones replaced, ones no longer in the files removed, unchanged ones (same content hash)
 * left alone; what changed is decided in Java ({@link ChangeWriter}), so only changes reach the store.
 * A failure or a kill part-way leaves the previous graph as it was.
 */
public final class Loader {

    /** Rows per statement: large enough that statement overhead is small, small enough to keep heap flat. */
    static final int BATCH = 10_000;

    /**
     * Fact files at least this large go into an empty embedded store through the bulk importer. Below it,
     * Cypher is about as fast, and the importer's cost of restarting Neo4j (seconds) is not worth paying.
     */
    public static final long BULK_MIN_BYTES = 16L << 20;

    private final GraphStore store;
    private final Schema schema;
    private final long bulkMinBytes;
    /** Whether the stored facts a load may change are taken from the last load's record, when it has one. */
    private final boolean fromRecord;

    public Loader(GraphStore store, Schema schema) {
        this(store, schema, BULK_MIN_BYTES, true);
    }

    private Loader(GraphStore store, Schema schema, long bulkMinBytes, boolean fromRecord) {
        this.store = store;
        this.schema = schema;
        this.bulkMinBytes = bulkMinBytes;
        this.fromRecord = fromRecord;
    }

    /** This loader, with the bulk importer used (when the store is empty and offers it) from this many bytes of files. */
    public Loader withBulkThreshold(long bytes) {
        return new Loader(store, schema, bytes, fromRecord);
    }

    /**
     * This loader, reading the id and hash of every stored fact at each load instead of taking what the files
     * read declared at the last load from its record (the benchmark's baseline; the tests run both).
     */
    public Loader readingEveryStoredFact() {
        return new Loader(store, schema, bulkMinBytes, false);
    }

    /**
     * The report of a load that would change nothing, when the graph was last loaded from exactly these files
     * (same paths, same content, same schema), answered from the stored manifest without reading the facts.
     */
    public Optional<LoadReport> unchangedSinceLastLoad(FactSet facts) {
        return LastLoad.read(store).filter(last -> last.manifest().matches(facts.files(), schema)).map(LastLoad::unchanged);
    }

    public LoadReport load(FactSet facts) {
        return load(facts, Optional.empty(), written -> { });
    }

    /**
     * Validates the facts (quotes too, with a sources folder) and loads them, in one pass over the files,
     * telling {@code progress} the number of facts processed so far every so often. Files that are byte for
     * byte those of the last load are not read (see {@link UnreadFiles}), unless quotes are checked.
     *
     * @throws InvalidFacts when the facts have problems; then the graph is left as it was
     */
    public LoadReport load(FactSet facts, Optional<Path> sourcesDir, LongConsumer progress) {
        // Taken before the files are read: a file edited during the load then differs from the manifest.
        FileManifest manifest = FileManifest.of(facts.files(), schema);
        Optional<BulkImport> bulk = store.bulkImport().filter(b -> size(facts) >= bulkMinBytes && b.graphIsEmpty());
        if (bulk.isPresent()) {
            LastLoad.forget(store);
            LoadReport loaded;
            List<FileFacts> fileFacts;
            try (BulkFacts input = new BulkFacts(facts, schema, sourcesDir, progress)) {
                bulk.get().replaceEmptyGraph(input);
                if (input.rejected().isPresent()) {
                    throw new InvalidFacts(input.rejected().get());
                }
                loaded = input.report();
                fileFacts = input.fileFacts();
            }
            // The imported database starts without constraints and indexes: built once, over the whole graph.
            store.applySchema(schema.storeSchemaStatements());
            LastLoad.record(store, loaded, manifest, fileFacts);
            return loaded;
        }
        store.applySchema(schema.storeSchemaStatements());
        if (sourcesDir.isEmpty()) {
            Optional<Partial> partial = partial(facts, manifest);
            if (partial.isPresent()) {
                try {
                    return write(partial.get().changed(), Optional.empty(), progress, partial.get().unread(), manifest);
                } catch (UnreadFiles.NeedsEveryFile e) {
                    // rolled back; read every file instead
                }
            }
        }
        return write(facts, sourcesDir, progress, UnreadFiles.NONE, manifest);
    }

    private LoadReport write(FactSet facts, Optional<Path> sourcesDir, LongConsumer progress, UnreadFiles unread,
                             FileManifest manifest) {
        ChangeWriter[] writer = {null};
        LoadReport loaded = store.write(tx -> {
            StoredFacts stored = unread.fromRecord() ? StoredFacts.recorded(tx, unread, schema) : StoredFacts.read(tx, unread);
            writer[0] = new ChangeWriter(tx, schema, BATCH, 5 * BATCH, progress, unread, stored);
            LoadReport written = writer[0].load(facts, sourcesDir);
            LastLoad.forget(store); // the facts were valid: the transaction is about to commit
            return written;
        });
        List<FileFacts> fileFacts = new ArrayList<>(unread.files());
        fileFacts.addAll(writer[0].fileFacts());
        LastLoad.record(store, loaded, manifest, fileFacts);
        return loaded;
    }

    /** The files of a load split into those to read and those unchanged since the last load. */
    private record Partial(FactSet changed, UnreadFiles unread) {
    }

    /**
     * A load of only the files that changed since the last one, when the last load's record says what the
     * others declared: same schema, and each left-out file at the same path with the same content. Taking the
     * stored facts from the record, it is also the load when every file changed: no stored fact is read then.
     */
    private Optional<Partial> partial(FactSet facts, FileManifest now) {
        Optional<LastLoad> last = LastLoad.read(store).filter(l -> l.manifest().schema().equals(now.schema()));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> before = new HashMap<>();
        last.get().manifest().files().forEach(e -> before.put(e.path(), e.sha256()));
        List<FileManifest.Entry> same = now.files().stream().filter(e -> e.sha256().equals(before.get(e.path()))).toList();
        if (same.isEmpty() && !fromRecord) {
            return Optional.empty();
        }
        Optional<Map<String, FileFacts>> recorded = last.get().fileFacts(store);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<FileFacts> unread = new ArrayList<>();
        java.util.Set<String> unreadPaths = new java.util.HashSet<>();
        for (FileManifest.Entry e : same) {
            FileFacts f = recorded.get().get(e.path());
            if (f != null) {
                unread.add(f);
                unreadPaths.add(e.path());
            }
        }
        if (unread.isEmpty() && !fromRecord) {
            return Optional.empty(); // every file is read: nothing to gain from the record without using its ids
        }
        List<FileFacts> replaced = recorded.get().values().stream().filter(f -> !unreadPaths.contains(f.file())).toList();
        List<Path> changed = new ArrayList<>();
        for (int i = 0; i < facts.files().size(); i++) {
            if (!unreadPaths.contains(now.files().get(i).path())) {
                changed.add(facts.files().get(i));
            }
        }
        return Optional.of(new Partial(facts.subset(changed), new UnreadFiles(unread, replaced, last.get().counts(), fromRecord)));
    }

    private static long size(FactSet facts) {
        long bytes = 0;
        for (Path file : facts.files()) {
            bytes += file.toFile().length();
        }
        return bytes;
    }
}
