package kg.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import kg.facts.FactSet;
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

    /** The store note that records what the graph was last loaded from. */
    static final String LAST_LOAD = "last-load";

    /**
     * Fact files at least this large go into an empty embedded store through the bulk importer. Below it,
     * Cypher is about as fast, and the importer's cost of restarting Neo4j (seconds) is not worth paying.
     */
    public static final long BULK_MIN_BYTES = 16L << 20;

    private final GraphStore store;
    private final Schema schema;
    private final long bulkMinBytes;

    public Loader(GraphStore store, Schema schema) {
        this(store, schema, BULK_MIN_BYTES);
    }

    private Loader(GraphStore store, Schema schema, long bulkMinBytes) {
        this.store = store;
        this.schema = schema;
        this.bulkMinBytes = bulkMinBytes;
    }

    /** This loader, with the bulk importer used (when the store is empty and offers it) from this many bytes of files. */
    public Loader withBulkThreshold(long bytes) {
        return new Loader(store, schema, bytes);
    }

    /**
     * The report of a load that would change nothing, when the graph was last loaded from exactly these files
     * (same paths, same content, same schema), answered from the stored manifest without reading the facts.
     */
    public Optional<LoadReport> unchangedSinceLastLoad(FactSet facts) {
        List<String> lines = store.note(LAST_LOAD).map(t -> List.of(t.split("\n"))).orElse(List.of());
        // First line: the fact counts of that load; then the manifest.
        if (lines.size() < 2 || !lines.get(0).startsWith("counts\t")) {
            return Optional.empty();
        }
        FileManifest manifest = FileManifest.parse(lines.subList(1, lines.size()));
        if (manifest == null || !manifest.matches(facts.files(), schema)) {
            return Optional.empty();
        }
        String[] counts = lines.get(0).split("\t");
        try {
            return Optional.of(new LoadReport(unchanged(counts[1]), unchanged(counts[2]), unchanged(counts[3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static LoadReport.Counts unchanged(String count) {
        return LoadReport.Counts.NONE.plus(0, 0, 0, Long.parseLong(count));
    }

    public LoadReport load(FactSet facts) {
        return load(facts, Optional.empty(), written -> { });
    }

    /**
     * Validates the facts (quotes too, with a sources folder) and loads them, in one pass over the files,
     * telling {@code progress} the number of facts processed so far every so often.
     *
     * @throws InvalidFacts when the facts have problems; then the graph is left as it was
     */
    public LoadReport load(FactSet facts, Optional<Path> sourcesDir, LongConsumer progress) {
        // Taken before the files are read: a file edited during the load then differs from the manifest.
        FileManifest manifest = FileManifest.of(facts.files(), schema);
        Optional<BulkImport> bulk = store.bulkImport().filter(b -> size(facts) >= bulkMinBytes && b.graphIsEmpty());
        LoadReport loaded;
        // The note goes before the graph changes and comes back only after the commit: whatever happens in
        // between, a note that exists describes the graph as committed.
        if (bulk.isPresent()) {
            store.note(LAST_LOAD, null);
            try (BulkFacts input = new BulkFacts(facts, schema, sourcesDir, progress)) {
                bulk.get().replaceEmptyGraph(input);
                if (input.rejected().isPresent()) {
                    throw new InvalidFacts(input.rejected().get());
                }
                loaded = input.report();
            }
            // The imported database starts without constraints and indexes: built once, over the whole graph.
            store.applySchema(schema.storeSchemaStatements());
        } else {
            store.applySchema(schema.storeSchemaStatements());
            loaded = store.write(tx -> {
                LoadReport written = new ChangeWriter(tx, schema, BATCH, 5 * BATCH, progress).load(facts, sourcesDir);
                store.note(LAST_LOAD, null); // the facts were valid: the transaction is about to commit
                return written;
            });
        }
        store.note(LAST_LOAD, "counts\t" + seen(loaded.sources()) + "\t" + seen(loaded.entities()) + "\t"
                + seen(loaded.relationships()) + "\n" + manifest.text());
        return loaded;
    }

    private static long size(FactSet facts) {
        long bytes = 0;
        for (Path file : facts.files()) {
            bytes += file.toFile().length();
        }
        return bytes;
    }

    /** Facts of one kind the files hold (each counted once however often it is declared). */
    private static long seen(LoadReport.Counts c) {
        return c.created() + c.updated() + c.unchanged();
    }
}
