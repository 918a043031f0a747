package kg.load;

import java.util.HashMap;
import java.util.Map;

import kg.facts.FileFacts;
import kg.schema.Schema;
import kg.store.Tx;

/**
 * The id and content hash of every fact the store holds (one streaming read per kind), so that a load decides in
 * Java what is new, edited, unchanged or gone. Facts the unread files declare are claimed as they go by.
 */
final class StoredFacts {

    final HashIndex sources = new HashIndex();
    final HashIndex entities = new HashIndex();
    final Map<String, HashIndex> relationships = new HashMap<>();
    /** Stored sources, entities and relationships the unread files claim. */
    final long[] claimed = new long[3];

    private StoredFacts() {
    }

    /**
     * Reads the store in the load's own transaction (before it writes anything).
     *
     * @throws UnreadFiles.NeedsEveryFile when the unread files claim other than exactly what they declared
     */
    static StoredFacts read(Tx tx, UnreadFiles unread) {
        StoredFacts stored = new StoredFacts();
        stored.readNodes(tx, unread);
        stored.readRelationships(tx, unread);
        long claims = stored.claimed[0] + stored.claimed[1] + stored.claimed[2];
        if (claims != unread.declaredCount()) {
            throw new UnreadFiles.NeedsEveryFile("the store holds " + claims + " of the " + unread.declaredCount()
                    + " facts the unread files declared");
        }
        return stored;
    }

    /** One string per entity type, not one per entity. */
    private final Map<String, String> types = new HashMap<>();

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
                String type = withTypes ? types.computeIfAbsent((String) row.get("type"), t -> t) : null;
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
                index.stored(key, (String) row.get("hash"), (String) row.get("from"));
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
