package kg.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kg.facts.FactSet;
import kg.facts.FileFacts;
import kg.schema.RelationshipType;
import kg.schema.Schema;
import kg.store.Tx;

/**
 * The id and content hash of the stored facts a load may change, so that it decides in Java what is new, edited,
 * unchanged or gone. Either every fact the store holds, read in one streaming read per kind ({@link #read}), with
 * the facts unread files declare claimed as they go by; or, when only a few files changed, just the facts those
 * files declared at the last load, as its record has them ({@link #recorded}), the unread files' facts then being
 * known from their fingerprints and asked of the store only when a file read refers to one.
 */
final class StoredFacts {

    /** Ids per lookup statement. */
    private static final int LOOKUP_BATCH = 10_000;

    final HashIndex sources = new HashIndex();
    final HashIndex entities = new HashIndex();
    final Map<String, HashIndex> relationships = new HashMap<>();
    /** Stored sources, entities and relationships the unread files claim. */
    final long[] claimed = new long[3];

    private final UnreadFiles unread;
    /** The transaction to ask for what unread files declared; null when everything stored was read. */
    private final Tx lookups;
    private final Schema schema;
    /** What was asked of the store about unread files' facts, by id or key (ABSENT when not there). */
    private final Map<String, FactSet.Known> asked = new HashMap<>();
    private static final FactSet.Known ABSENT = new FactSet.Known("", "");

    private StoredFacts(UnreadFiles unread, Tx lookups, Schema schema) {
        this.unread = unread;
        this.lookups = lookups;
        this.schema = schema;
    }

    /**
     * Reads everything the store holds, in the load's own transaction (before it writes anything).
     *
     * @throws UnreadFiles.NeedsEveryFile when the unread files claim other than exactly what they declared
     */
    static StoredFacts read(Tx tx, UnreadFiles unread) {
        StoredFacts stored = new StoredFacts(unread, null, null);
        stored.readNodes(tx, unread);
        stored.readRelationships(tx, unread);
        stored.checkClaims();
        return stored;
    }

    /**
     * Takes what the files this load reads or drops declared at the last load from that load's record (ids,
     * content hashes, entity types), leaving out what an unread file declares too: no stored fact is read. The
     * store must hold as many facts of each kind as the last load left, and as many beyond those as the unread
     * files declare: else it was changed outside kg (or two ids share a fingerprint), and every file is read
     * instead. Relationships are then known without their start node: the writer finds them by key.
     *
     * @throws UnreadFiles.NeedsEveryFile when the store is not what the last load left
     */
    static StoredFacts recorded(Tx tx, UnreadFiles unread, Schema schema) {
        long[] inStore = {count(tx, GraphWrites.COUNT_SOURCES), count(tx, GraphWrites.COUNT_ENTITIES),
                count(tx, GraphWrites.COUNT_RELATIONSHIPS)};
        if (!Arrays.equals(inStore, unread.lastCounts())) {
            throw new UnreadFiles.NeedsEveryFile("the store holds " + Arrays.toString(inStore)
                    + " sources, entities and relationships; the last load left " + Arrays.toString(unread.lastCounts()));
        }
        StoredFacts stored = new StoredFacts(unread, tx, schema);
        try {
            unread.replaced().forEach(f -> f.forEachId((kind, type, id, hash) -> {
                if (unread.declares(kind, id)) {
                    return; // an unread file's fact too: it stays
                }
                switch (kind) {
                    case FileFacts.SOURCE -> stored.sources.recorded(id, hash, null);
                    case FileFacts.ENTITY -> stored.entities.recorded(id, hash, type);
                    default -> stored.relationships.computeIfAbsent(type, t -> new HashIndex()).recorded(id, hash, null);
                }
            }));
        } catch (RuntimeException e) {
            throw new UnreadFiles.NeedsEveryFile("the last load's record of the files cannot be read: " + e);
        }
        long[] recorded = {stored.sources.size(), stored.entities.size(), 0};
        stored.relationships.values().forEach(index -> recorded[2] += index.size());
        for (int kind = 0; kind < 3; kind++) {
            stored.claimed[kind] = inStore[kind] - recorded[kind];
        }
        stored.checkClaims();
        return stored;
    }

    /** False when stored relationships are known without their start node (from the record): found by key. */
    boolean knowsStarts() {
        return lookups == null;
    }

    private void checkClaims() {
        long claims = claimed[0] + claimed[1] + claimed[2];
        if (claims != unread.declaredCount()) {
            throw new UnreadFiles.NeedsEveryFile("the store holds " + claims + " of the " + unread.declaredCount()
                    + " facts the unread files declared");
        }
    }

    /** Receives a stored fact: its id or key, its content hash, and its type (entities) or start id (relationships). */
    private interface Row {
        void accept(String id, String hash, String extra);
    }

    private static long lookUpNodes(Tx tx, String label, Collection<String> ids, Row row) {
        return lookUp(tx, GraphWrites.nodesById(label), ids, row);
    }

    private static long lookUpRelationships(Tx tx, String type, Collection<String> keys, Row row) {
        return lookUp(tx, GraphWrites.relationshipsByKey(type), keys, row);
    }

    /** Runs a lookup by {@code $ids} in batches, handing on each row's id, hash and extra; returns how many were found. */
    private static long lookUp(Tx tx, String statement, Collection<String> ids, Row row) {
        return inBatches(ids, batch -> {
            long n = 0;
            try (var rows = tx.run(statement, Map.of("ids", batch))) {
                while (rows.hasNext()) {
                    Map<String, Object> r = rows.next();
                    row.accept((String) r.get("id"), (String) r.get("hash"), (String) r.get("extra"));
                    n++;
                }
            }
            return n;
        });
    }

    private static long inBatches(Collection<String> values, java.util.function.ToLongFunction<List<String>> run) {
        long total = 0;
        List<String> batch = new ArrayList<>(Math.min(values.size(), LOOKUP_BATCH));
        for (String value : values) {
            batch.add(value);
            if (batch.size() == LOOKUP_BATCH) {
                total += run.applyAsLong(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            total += run.applyAsLong(batch);
        }
        return total;
    }

    private static long count(Tx tx, String statement) {
        return ((Number) tx.run(statement).single().get("n")).longValue();
    }

    /** True when an entity with this id is stored or has been seen in this load, as far as the load can tell. */
    boolean entityKnown(String id) {
        return entities.known(id) || (lookups != null && unread.declares(FileFacts.ENTITY, id));
    }

    /** The unread files' facts, as validation of the files read needs them: from the store, which holds them. */
    FactSet.Unread unreadFacts() {
        if (unread.isEmpty()) {
            return FactSet.Unread.NONE;
        }
        return lookups == null ? claimedFacts() : new FactSet.Unread() {
            @Override
            public FactSet.Known node(String id) {
                FactSet.Known known = asked.get(id);
                if (known == null) {
                    if (!declaredNode(id)) {
                        return null; // not remembered: most ids asked about this way are the files' own
                    }
                    prefetch(List.of(id));
                    known = asked.get(id);
                }
                return known == ABSENT ? null : known;
            }

            @Override
            public void prefetch(Collection<String> ids) {
                // Each id is looked up under the label the unread files declared it with (sources and entities
                // share one name space): asking both labels for every id doubled the index seeks.
                List<String> sources = new ArrayList<>();
                List<String> entities = new ArrayList<>();
                for (String id : ids) {
                    if (!asked.containsKey(id)) {
                        asked.put(id, ABSENT);
                        if (unread.declares(FileFacts.SOURCE, id)) {
                            sources.add(id);
                        }
                        if (unread.declares(FileFacts.ENTITY, id)) {
                            entities.add(id);
                        }
                    }
                }
                lookUpNodes(lookups, Schema.SOURCE_LABEL, sources, (id, hash, type) -> asked.put(id, new FactSet.Known(null, hash)));
                lookUpNodes(lookups, Schema.ENTITY_LABEL, entities, (id, hash, type) -> asked.put(id, new FactSet.Known(type, hash)));
            }

            @Override
            public FactSet.Known relationship(String key) {
                if (!unread.declares(FileFacts.RELATIONSHIP, key)) {
                    return null;
                }
                // Rare (a relationship declared again in a file read): its type is unknown, so each type's index is asked.
                FactSet.Known known = asked.computeIfAbsent("\u0000" + key, k -> {
                    for (RelationshipType type : schema.relationshipTypes()) {
                        FactSet.Known[] found = {null};
                        lookUpRelationships(lookups, type.type(), List.of(key),
                                (k2, hash, from) -> found[0] = new FactSet.Known(type.type(), hash));
                        if (found[0] != null) {
                            return found[0];
                        }
                    }
                    return ABSENT;
                });
                return known == ABSENT ? null : known;
            }
        };
    }

    private boolean declaredNode(String id) {
        return unread.declares(FileFacts.SOURCE, id) || unread.declares(FileFacts.ENTITY, id);
    }

    /** The unread files' facts from the claims made while everything stored was read. */
    private FactSet.Unread claimedFacts() {
        return new FactSet.Unread() {
            @Override
            public FactSet.Known node(String id) {
                String[] source = sources.claimed(id);
                if (source != null) {
                    return new FactSet.Known(null, source[0]);
                }
                String[] entity = entities.claimed(id);
                return entity == null ? null : new FactSet.Known(entity[1], entity[0]);
            }

            @Override
            public FactSet.Known relationship(String key) {
                for (Map.Entry<String, HashIndex> e : relationships.entrySet()) {
                    String[] r = e.getValue().claimed(key);
                    if (r != null) {
                        return new FactSet.Known(e.getKey(), r[0]);
                    }
                }
                return null;
            }
        };
    }

    private void readNodes(Tx tx, UnreadFiles unread) {
        // With unread files, entities carry their type: facts read must not retype what unread files join.
        boolean withTypes = !unread.isEmpty();
        try (var rows = tx.run(GraphWrites.storedNodes(Schema.SOURCE_LABEL, false))) {
            rows.forEachRemaining(row -> {
                String id = (String) row.get("id");
                sources.stored(id, (String) row.get("hash"), null);
                claimed[0] += claim(unread, sources, FileFacts.SOURCE, id);
            });
        }
        try (var rows = tx.run(GraphWrites.storedNodes(Schema.ENTITY_LABEL, withTypes))) {
            rows.forEachRemaining(row -> {
                String id = (String) row.get("id");
                String type = withTypes ? (String) row.get("type") : null;
                entities.stored(id, (String) row.get("hash"), type);
                claimed[1] += claim(unread, entities, FileFacts.ENTITY, id);
            });
        }
    }

    private void readRelationships(Tx tx, UnreadFiles unread) {
        try (var rows = tx.run(GraphWrites.STORED_RELATIONSHIPS)) {
            rows.forEachRemaining(row -> {
                String key = (String) row.get("key");
                HashIndex index = relationships.computeIfAbsent((String) row.get("type"), t -> new HashIndex());
                index.storedRelationship(key, (String) row.get("hash"), (String) row.get("from"), (String) row.get("to"));
                claimed[2] += claim(unread, index, FileFacts.RELATIONSHIP, key);
            });
        }
    }

    /** 1 when an unread file declares the stored fact (it then stays as it is), else 0. */
    private static int claim(UnreadFiles unread, HashIndex index, char kind, String key) {
        if (key == null || !unread.declares(kind, key)) {
            return 0;
        }
        return index.claim(key) ? 1 : 0;
    }
}
