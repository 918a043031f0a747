package kg.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.Schema;
import kg.store.GraphStore;
import kg.store.Tx;

/**
 * Makes the graph match a validated fact set exactly, in one transaction: facts new to the store are
 * created, edited ones replaced, ones no longer in the files removed, unchanged ones (same content hash)
 * left alone. A failure or a kill part-way leaves the previous graph as it was.
 */
public final class Loader {

    static final int BATCH = 2_000;

    /** The store note that records what the graph was last loaded from. */
    static final String LAST_LOAD = "last-load";

    private final GraphStore store;
    private final Schema schema;

    public Loader(GraphStore store, Schema schema) {
        this.store = store;
        this.schema = schema;
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
        return load(facts, written -> { });
    }

    /** Loads, telling {@code progress} the number of facts written so far after every batch. */
    public LoadReport load(FactSet facts, LongConsumer progress) {
        store.applySchema(schema.storeSchemaStatements());
        // Taken before the files are read: a file edited during the load then differs from the manifest.
        FileManifest manifest = FileManifest.of(facts.files(), schema);
        // The note goes before the graph changes and comes back only after the commit: whatever happens in
        // between, a note that exists describes the graph as committed.
        store.note(LAST_LOAD, null);
        long[] seen = new long[3];
        LoadReport loaded = store.write(tx -> {
            Writer writer = new Writer(tx, progress);
            // Entities first, in a pass of their own, so that every relationship finds both of its ends.
            facts.forEach(schema, new FactSet.FactHandler() {
                @Override
                public void source(Fact.Source s) {
                    writer.source(s);
                }

                @Override
                public void entity(Fact.Entity e) {
                    writer.entity(e);
                }

                @Override
                public void relationship(Fact.Relationship r) {
                }
            });
            writer.flushNodes();
            facts.forEach(schema, new FactSet.FactHandler() {
                @Override
                public void source(Fact.Source s) {
                }

                @Override
                public void entity(Fact.Entity e) {
                }

                @Override
                public void relationship(Fact.Relationship r) {
                    writer.relationship(r);
                }
            });
            writer.flushRelationships();
            LoadReport report = writer.finish();
            seen[0] = writer.sourcesSeen;
            seen[1] = writer.entitiesSeen;
            seen[2] = writer.relationshipsSeen;
            return report;
        });
        store.note(LAST_LOAD, "counts\t" + seen[0] + "\t" + seen[1] + "\t" + seen[2] + "\n" + manifest.text());
        return loaded;
    }

    /** Batches facts by kind and type, and keeps the ids and keys seen so that the rest can be removed. */
    private final class Writer {
        private final Tx tx;
        private final LongConsumer progress;
        private long written;
        private final List<Map<String, Object>> sources = new ArrayList<>();
        private final Map<String, List<Map<String, Object>>> entities = new HashMap<>();
        private final Map<String, List<Map<String, Object>>> relationships = new HashMap<>();
        private final Set<String> entityIds = new HashSet<>();
        private final Set<String> sourceIds = new HashSet<>();
        private final Map<String, Set<String>> keysByType = new HashMap<>();
        private long[] sourceCounts = new long[2];
        private long[] entityCounts = new long[2];
        private long[] relationshipCounts = new long[2];
        private long sourcesSeen;
        private long entitiesSeen;
        private long relationshipsSeen;

        Writer(Tx tx, LongConsumer progress) {
            this.tx = tx;
            this.progress = progress;
        }

        void source(Fact.Source s) {
            if (!sourceIds.add(s.id())) {
                return; // declared again with the same content
            }
            sourcesSeen++;
            Map<String, Object> props = new LinkedHashMap<>(s.properties());
            props.put("id", s.id());
            props.put("name", props.get("title"));
            props.put("_hash", s.hash());
            sources.add(Map.of("id", s.id(), "hash", s.hash(), "props", props));
            if (sources.size() >= BATCH) {
                flush(GraphWrites.UPSERT_SOURCES, sources, sourceCounts);
            }
        }

        void entity(Fact.Entity e) {
            if (!entityIds.add(e.id())) {
                return;
            }
            entitiesSeen++;
            Map<String, Object> props = new LinkedHashMap<>(e.properties());
            props.put("id", e.id());
            props.put("type", e.type());
            props.put("_hash", e.hash());
            List<Map<String, Object>> batch = entities.computeIfAbsent(e.type(), t -> new ArrayList<>());
            batch.add(Map.of("id", e.id(), "hash", e.hash(), "props", props));
            if (batch.size() >= BATCH) {
                flush(GraphWrites.upsertEntities(schema, e.type()), batch, entityCounts);
            }
        }

        void relationship(Fact.Relationship r) {
            if (!keysByType.computeIfAbsent(r.type(), t -> new HashSet<>()).add(r.key())) {
                return;
            }
            relationshipsSeen++;
            Map<String, Object> props = new LinkedHashMap<>(r.properties());
            props.put("key", r.key());
            props.put("status", r.status());
            props.put("sources", r.citations().stream().map(Fact.Citation::source).toList());
            props.put("quotes", r.citations().stream().map(c -> c.quote() == null ? "" : c.quote()).toList());
            props.put("_hash", r.hash());
            List<Map<String, Object>> batch = relationships.computeIfAbsent(r.type(), t -> new ArrayList<>());
            batch.add(Map.of("key", r.key(), "hash", r.hash(), "from", r.from(), "to", r.to(), "props", props));
            if (batch.size() >= BATCH) {
                flush(GraphWrites.upsertRelationships(r.type()), batch, relationshipCounts);
            }
        }

        void flushNodes() {
            flush(GraphWrites.UPSERT_SOURCES, sources, sourceCounts);
            entities.forEach((type, batch) -> flush(GraphWrites.upsertEntities(schema, type), batch, entityCounts));
        }

        void flushRelationships() {
            relationships.forEach((type, batch) -> flush(GraphWrites.upsertRelationships(type), batch, relationshipCounts));
        }

        private void flush(String cypher, List<Map<String, Object>> batch, long[] counts) {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Object> row = tx.run(cypher, Map.of("rows", batch)).single();
            counts[0] += ((Number) row.get("created")).longValue();
            counts[1] += ((Number) row.get("updated")).longValue();
            written += batch.size();
            batch.clear();
            progress.accept(written);
        }

        LoadReport finish() {
            long relationshipsRemoved = 0;
            List<String> storedTypes = tx.run(GraphWrites.STORED_RELATIONSHIP_TYPES).stream()
                    .map(row -> (String) row.get("type")).toList();
            for (String type : storedTypes) {
                List<String> keys = List.copyOf(keysByType.getOrDefault(type, Set.of()));
                relationshipsRemoved += removed(GraphWrites.removeRelationships(type), Map.of("keys", keys));
            }
            long entitiesRemoved = removed(GraphWrites.nodeRemovals().get(0), Map.of("ids", List.copyOf(entityIds)));
            long sourcesRemoved = removed(GraphWrites.nodeRemovals().get(1), Map.of("ids", List.copyOf(sourceIds)));
            return new LoadReport(
                    counts(sourceCounts, sourcesRemoved, sourcesSeen),
                    counts(entityCounts, entitiesRemoved, entitiesSeen),
                    counts(relationshipCounts, relationshipsRemoved, relationshipsSeen));
        }

        private long removed(String cypher, Map<String, Object> params) {
            return ((Number) tx.run(cypher, params).single().get("removed")).longValue();
        }

        private LoadReport.Counts counts(long[] createdUpdated, long removed, long seen) {
            return LoadReport.Counts.NONE.plus(createdUpdated[0], createdUpdated[1], removed,
                    seen - createdUpdated[0] - createdUpdated[1]);
        }
    }
}
