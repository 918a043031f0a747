package kg.load;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
            try (WriteBehind behind = new WriteBehind(tx)) {
                StoredFacts stored = unread.fromRecord() ? StoredFacts.recorded(behind, unread, schema)
                        : StoredFacts.read(behind, unread);
                writer[0] = new ChangeWriter(behind, schema, BATCH, 5 * BATCH, progress, unread, stored);
                LoadReport written = writer[0].load(facts, sourcesDir);
                LastLoad.forget(store); // the facts were valid: the transaction is about to commit
                return written;
            }
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
     * others declared: same schema, and each left-out file with the same content as a file of the last load, at
     * the same path or, for files moved, renamed or copied with their folder, at another one (the facts a file
     * declares are its bytes'). Taking the stored facts from the record, it is also the load when every file
     * changed: no stored fact is read then.
     */
    private Optional<Partial> partial(FactSet facts, FileManifest now) {
        Optional<LastLoad> last = LastLoad.read(store).filter(l -> l.manifest().schema().equals(now.schema()));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        String[] sameAs = sameContent(last.get().manifest(), now);
        boolean anySame = Arrays.stream(sameAs).anyMatch(Objects::nonNull);
        if (!anySame && !fromRecord) {
            return Optional.empty();
        }
        Optional<Map<String, FileFacts>> recorded = last.get().fileFacts(store);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<FileFacts> unread = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        List<Path> changed = new ArrayList<>();
        for (int i = 0; i < facts.files().size(); i++) {
            FileFacts f = sameAs[i] == null ? null : recorded.get().get(sameAs[i]);
            if (f == null) {
                changed.add(facts.files().get(i));
            } else {
                claimed.add(sameAs[i]);
                unread.add(new FileFacts(now.files().get(i).path(), f.declared(), f.referenced(), f.ids()));
            }
        }
        if (unread.isEmpty() && !fromRecord) {
            return Optional.empty(); // every file is read: nothing to gain from the record without using its ids
        }
        List<FileFacts> replaced = recorded.get().values().stream().filter(f -> !claimed.contains(f.file())).toList();
        return Optional.of(new Partial(facts.subset(changed), new UnreadFiles(unread, replaced, last.get().counts(), fromRecord)));
    }

    /**
     * For each file of {@code now}, the path of a file of the last load with the same content, each used once,
     * or null: the file at the same path when it is unchanged, else one whose own path is not such a file.
     */
    private static String[] sameContent(FileManifest last, FileManifest now) {
        Map<String, String> shaAt = new HashMap<>();
        last.files().forEach(e -> shaAt.put(e.path(), e.sha256()));
        String[] sameAs = new String[now.files().size()];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < sameAs.length; i++) {
            FileManifest.Entry e = now.files().get(i);
            if (e.sha256().equals(shaAt.get(e.path()))) {
                sameAs[i] = e.path();
                taken.add(e.path());
            }
        }
        Map<String, ArrayDeque<String>> elsewhere = new HashMap<>();
        for (FileManifest.Entry e : last.files()) {
            if (!taken.contains(e.path())) {
                elsewhere.computeIfAbsent(e.sha256(), k -> new ArrayDeque<>()).add(e.path());
            }
        }
        for (int i = 0; i < sameAs.length; i++) {
            if (sameAs[i] == null) {
                ArrayDeque<String> candidates = elsewhere.get(now.files().get(i).sha256());
                sameAs[i] = candidates == null ? null : candidates.poll();
            }
        }
        return sameAs;
    }

    private static long size(FactSet facts) {
        long bytes = 0;
        for (Path file : facts.files()) {
            bytes += file.toFile().length();
        }
        return bytes;
    }
}
