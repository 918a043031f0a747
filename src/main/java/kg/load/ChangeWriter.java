package kg.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.facts.FileFacts;
import kg.schema.Schema;
import kg.store.Tx;

/**
 * One load through Cypher, inside one write transaction: reads the id and content hash of everything the
 * store holds (one streaming read per kind), compares with the facts in Java, and sends only what changed,
 * in large UNWIND batches of plain CREATE, SET and DELETE. An unchanged fact costs a hash lookup, not a
 * statement row; a new one a CREATE, not a MERGE against a growing transaction state.
 */
final class ChangeWriter {

    /** The load's transaction, its write statements run behind during the pass over the files. */
    private final WriteBehind tx;
    private final Schema schema;
    private final int batch;
    private final int maxDeferred;
    private final LongConsumer progress;
    private final UnreadFiles unread;
    private long processed;
    private List<FileFacts> fileFacts = List.of();

    private final StoredFacts stored;
    private final HashIndex sources;
    private final HashIndex entities;
    private final Map<String, HashIndex> relationships;
    private final Tally sourceTally = new Tally();
    private final Tally entityTally = new Tally();
    private final Tally relationshipTally = new Tally();

    /** Node rows by statement; no statement depends on another, so they flush in any order. */
    private final Map<String, List<Map<String, Object>>> nodeRows = new LinkedHashMap<>();
    /** Stored relationships to delete (edited or removed): flushed before the relationships to create. */
    private final List<Map<String, Object>> relationshipDeletes = new ArrayList<>();
    private final List<Map<String, Object>> relationshipCreates = new ArrayList<>();
    /** Edited relationships to replace in place (their start unchanged), with their key. */
    private final List<Map<String, Object>> relationshipReplaces = new ArrayList<>();
    private final Map<String, String> statements = new HashMap<>();
    private final List<String> entityTypes;

    /**
     * @param batch rows per statement
     * @param maxDeferred relationships met before their ends that are held as rows; past it, a second pass
     */
    /**
     * A writer that makes the store, which holds what {@code stored} says, match the files; for a load that
     * reads only some of the files, what the {@code unread} ones declared stays as stored, and {@link #load}
     * throws {@link UnreadFiles.NeedsEveryFile} when that cannot be relied on.
     */
    ChangeWriter(WriteBehind tx, Schema schema, int batch, int maxDeferred, LongConsumer progress, UnreadFiles unread,
                 StoredFacts stored) {
        this.tx = tx;
        this.stored = stored;
        this.sources = stored.sources;
        this.entities = stored.entities;
        this.relationships = stored.relationships;
        sourceTally.unchanged += stored.claimed[0];
        entityTally.unchanged += stored.claimed[1];
        relationshipTally.unchanged += stored.claimed[2];
        this.processed = stored.claimed[0] + stored.claimed[1] + stored.claimed[2];
        this.schema = schema;
        this.batch = batch;
        this.maxDeferred = maxDeferred;
        this.progress = progress;
        this.unread = unread;
        this.entityTypes = schema.entityTypes().stream().map(kg.schema.NodeType::label).toList();
    }

    /**
     * Validates and writes in one pass; throws {@link InvalidFacts} (the caller rolls back) on any problem.
     * With unread files, {@code facts} are the files read, and any problem throws {@link UnreadFiles.NeedsEveryFile}.
     */
    LoadReport load(FactSet facts, Optional<Path> sourcesDir) {
        tx.start(); // the caller closes it, before its transaction ends either way
        // One pass over the files, validating them as it goes. A relationship is written as soon as both of its
        // ends exist (in the store, or met earlier in this pass); one whose end comes later waits (see Deferred).
        FactSet.ValidationReport report = facts.validate(schema, sourcesDir, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                ChangeWriter.this.source(s);
            }

            @Override
            public void entity(Fact.Entity e) {
                ChangeWriter.this.entity(e);
            }

            @Override
            public void relationship(Fact.Relationship r) {
                ChangeWriter.this.relationship(r, false);
            }
        }, stored.unreadFacts());
        if (!report.valid()) {
            if (!unread.isEmpty()) {
                throw new UnreadFiles.NeedsEveryFile("the files read have problems");
            }
            throw new InvalidFacts(report);
        }
        fileFacts = report.fileFacts();
        nodeRows.keySet().forEach(this::flushNodes);
        deferred.rows.forEach(this::write);
        deferred.rows.clear();
        if (!deferred.keys.isEmpty()) {
            // More waited than is worth holding: a second pass picks up just those.
            facts.forEach(schema, new FactSet.FactHandler() {
                @Override
                public void relationship(Fact.Relationship r) {
                    if (deferred.keys.remove(r.key())) {
                        ChangeWriter.this.relationship(r, true);
                    }
                }
            });
        }
        flushRelationships();
        // What is left needs counts (removals) or depends on what the statements behind found (moved ends).
        tx.finish();
        flushRelationships();
        removeUnseen(facts);
        progress.accept(processed);
        return new LoadReport(sourceTally.counts(), entityTally.counts(), relationshipTally.counts(), facts.files().size());
    }

    /** What each file read declared and referred to; after {@link #load}. */
    List<FileFacts> fileFacts() {
        return fileFacts;
    }

    private void source(Fact.Source s) {
        node(sources.see(s.id(), s.hash()), sourceTally, GraphWrites.CREATE_SOURCES, GraphWrites.REPLACE_SOURCES,
                () -> FactProperties.of(s));
    }

    private void entity(Fact.Entity e) {
        HashIndex.Change change = entities.see(e.id(), e.hash());
        if (!unread.isEmpty()) {
            String storedType = entities.seenExtra();
            if (storedType != null && !storedType.equals(e.type()) && unread.references(FileFacts.ENTITY, e.id())) {
                throw new UnreadFiles.NeedsEveryFile("`" + e.id() + "`, which an unread file refers to, changed type");
            }
        }
        node(change, entityTally, GraphWrites.CREATE_ENTITIES, GraphWrites.REPLACE_ENTITIES, () -> FactProperties.of(e));
    }

    private void node(HashIndex.Change change, Tally tally, String create, String replace,
                      java.util.function.Supplier<Map<String, Object>> properties) {
        switch (change) {
            case NEW -> {
                tally.created++;
                addNode(create, properties.get());
            }
            case CHANGED -> {
                tally.updated++;
                addNode(replace, properties.get());
            }
            case UNCHANGED -> tally.unchanged++;
            case REPEATED -> {
                return;
            }
        }
        tick();
    }

    private void relationship(Fact.Relationship r, boolean again) {
        HashIndex index = relationships.computeIfAbsent(r.type(), t -> new HashIndex());
        String storedFrom;
        HashIndex.Change change;
        if (again) {
            storedFrom = deferred.edited.remove(r.key());
            change = storedFrom != null ? HashIndex.Change.CHANGED : HashIndex.Change.NEW;
        } else {
            change = index.see(r.key(), r.hash(), r.from(), r.to());
            storedFrom = change == HashIndex.Change.CHANGED ? index.seenExtra() : null;
        }
        switch (change) {
            case UNCHANGED -> {
                relationshipTally.unchanged++;
                tick();
                return;
            }
            case REPEATED -> {
                return;
            }
            default -> {
            }
        }
        if (!again && !(stored.entityKnown(r.from()) && stored.entityKnown(r.to()))) {
            deferred.add(new Pending(r, change, storedFrom));
            return;
        }
        write(new Pending(r, change, storedFrom));
    }

    /** The row that the create and replace statements take for a relationship. */
    private static Map<String, Object> row(Fact.Relationship r) {
        return Map.of("from", r.from(), "to", r.to(), "type", r.type(), "key", r.key(), "props", FactProperties.of(r));
    }

    /** A relationship to create (and, when edited, its old version to delete first, found from its start). */
    private record Pending(Fact.Relationship relationship, HashIndex.Change change, String storedFrom) {
    }

    private void write(Pending p) {
        Fact.Relationship r = p.relationship();
        Map<String, Object> row = row(r);
        if (p.change() == HashIndex.Change.CHANGED) {
            relationshipTally.updated++;
            // Known not to have moved its start, or not known where it starts (then tried in place first).
            if (r.from().equals(p.storedFrom()) || !stored.knowsStarts()) {
                relationshipReplaces.add(row); // in place, if its end has not moved either
                if (relationshipReplaces.size() >= batch) {
                    flushReplaces();
                }
                tick();
                return;
            }
            deleteLater(r.type(), r.key(), p.storedFrom()); // counted as updated, not removed
        } else {
            relationshipTally.created++;
        }
        relationshipCreates.add(row);
        if (relationshipCreates.size() >= batch) {
            flushRelationships();
        }
        tick();
    }

    /**
     * Edited relationships whose start has not moved, replaced in place where their end has not moved either;
     * the others are deleted and created again, as when the start moved.
     */
    private void flushReplaces() {
        if (relationshipReplaces.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = taken(relationshipReplaces);
        tx.submit(t -> {
            java.util.Set<Object> replaced = new java.util.HashSet<>();
            try (var result = t.run(GraphWrites.REPLACE_RELATIONSHIPS, Map.of("rows", rows))) {
                result.forEachRemaining(r -> replaced.add(r.get("key")));
            }
            for (Map<String, Object> row : rows) {
                if (!replaced.contains(row.get("key"))) {
                    moved.add(row);
                }
            }
        });
    }

    /** Edited relationships a replace did not find between the same ends: deleted and created again (on this thread). */
    private final java.util.Queue<Map<String, Object>> moved = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void takeMoved() {
        for (Map<String, Object> row = moved.poll(); row != null; row = moved.poll()) {
            deleteLater((String) row.get("type"), (String) row.get("key"),
                    stored.knowsStarts() ? (String) row.get("from") : null);
            relationshipCreates.add(row);
        }
    }

    /**
     * Relationships met before one of their ends. Held as rows up to a limit (the usual case: a few forward
     * references); past it only their keys are kept, and a second pass over the files writes them, so a
     * load never holds more than the limit in rows.
     */
    private final Deferred deferred = new Deferred();

    private final class Deferred {
        final List<Pending> rows = new ArrayList<>();
        final java.util.Set<String> keys = new java.util.HashSet<>();
        /** Edited ones among the keys, with the start node id of their stored version. */
        final Map<String, String> edited = new HashMap<>();

        void add(Pending p) {
            if (keys.isEmpty() && rows.size() < maxDeferred) {
                rows.add(p);
                return;
            }
            if (keys.isEmpty()) {
                rows.forEach(this::remember);
                rows.clear();
            }
            remember(p);
        }

        private void remember(Pending p) {
            keys.add(p.relationship().key());
            if (p.change() == HashIndex.Change.CHANGED) {
                edited.put(p.relationship().key(), p.storedFrom() == null ? "" : p.storedFrom());
            }
        }
    }

    private void addNode(String statement, Map<String, Object> row) {
        List<Map<String, Object>> rows = nodeRows.computeIfAbsent(statement, s -> new ArrayList<>());
        rows.add(row);
        if (rows.size() >= batch) {
            flushNodes(statement);
        }
    }

    private void flushNodes(String statement) {
        List<Map<String, Object>> rows = nodeRows.get(statement);
        if (!rows.isEmpty()) {
            List<Map<String, Object>> batch = taken(rows);
            writeAll(batch.size(), statement, statement.equals(GraphWrites.REPLACE_ENTITIES)
                    ? Map.of("rows", batch, "types", entityTypes) : Map.of("rows", batch));
        }
    }

    private void flushRelationships() {
        // Entities still waiting in a batch may be the ends of these relationships.
        nodeRows.keySet().forEach(this::flushNodes);
        flushReplaces();
        takeMoved();
        flushDeletes();
        if (!relationshipCreates.isEmpty()) {
            List<Map<String, Object>> batch = taken(relationshipCreates);
            writeAll(batch.size(), GraphWrites.CREATE_RELATIONSHIPS, Map.of("rows", batch));
        }
    }

    /**
     * Queues a stored relationship for deletion, found from its start node, or by its type's key index when its
     * start is not known; returns what a flush deleted, if this filled a batch.
     */
    private long deleteLater(String type, String key, String storedFrom) {
        if (storedFrom == null || storedFrom.isEmpty()) {
            List<String> keys = keyDeletes.computeIfAbsent(type, t -> new ArrayList<>());
            keys.add(key);
            return keys.size() >= batch ? flushKeyDeletes(type) : 0;
        }
        relationshipDeletes.add(Map.of("from", storedFrom, "type", type, "key", key));
        return relationshipDeletes.size() >= batch ? flushDeletes() : 0;
    }

    /** Relationships to delete by key, per type. */
    private final Map<String, List<String>> keyDeletes = new HashMap<>();

    private long flushDeletes() {
        long deleted = 0;
        for (String type : keyDeletes.keySet()) {
            deleted += flushKeyDeletes(type);
        }
        if (!relationshipDeletes.isEmpty()) {
            deleted += write(GraphWrites.DELETE_RELATIONSHIPS, Map.of("rows", taken(relationshipDeletes)));
        }
        return deleted;
    }

    private long flushKeyDeletes(String type) {
        List<String> keys = keyDeletes.get(type);
        if (keys.isEmpty()) {
            return 0;
        }
        // Types the schema no longer declares have no key index.
        boolean indexed = schema.relationshipType(type).isPresent();
        long deleted = write(statement("delete-rel:" + type, () -> GraphWrites.deleteRelationships(type, indexed)),
                Map.of("keys", taken(keys)));
        return deleted;
    }

    /** Whatever the store holds that no fact claimed: relationships first, then nodes with what is left attached. */
    private void removeUnseen(FactSet facts) {
        if (!unread.isEmpty()) {
            checkStillDeclared(entities, FileFacts.ENTITY);
            checkStillDeclared(sources, FileFacts.SOURCE);
        }
        long[] removed = {0};
        relationships.forEach((type, index) -> index.forEachUnseen((key, from) -> removed[0] += deleteLater(type, key, from)));
        relationshipTally.removed += removed[0] + flushDeletes();
        rewriteStranded(facts);
        entityTally.removed += removeNodes(entities, Schema.ENTITY_LABEL);
        sourceTally.removed += removeNodes(sources, Schema.SOURCE_LABEL);
    }

    /**
     * Relationships the files declare that the store holds on an entity about to be removed: the store had them
     * between other ends than the files give (an id changed outside kg), and their key and hash did not tell.
     * Removing the entity would take them along, so they are deleted here and written again between the ends
     * the files give, from a pass over the files for just those.
     */
    private void rewriteStranded(FactSet facts) {
        java.util.Set<String> stranded = new java.util.HashSet<>();
        String statement = GraphWrites.deleteKeyedRelationshipsOf(Schema.ENTITY_LABEL);
        forEachBatchOfUnseen(entities, ids -> {
            try (var rows = tx.run(statement, Map.of("keys", ids))) {
                rows.forEachRemaining(row -> stranded.add((String) row.get("key")));
            }
        });
        if (stranded.isEmpty()) {
            return;
        }
        if (!unread.isEmpty()) {
            throw new UnreadFiles.NeedsEveryFile(stranded.size() + " relationships are stored between other ends than declared");
        }
        facts.forEach(schema, new FactSet.FactHandler() {
            @Override
            public void relationship(Fact.Relationship r) {
                if (stranded.remove(r.key())) {
                    relationshipTally.unchanged--; // seen as unchanged: its key and hash are
                    relationshipTally.updated++;
                    relationshipCreates.add(row(r));
                    if (relationshipCreates.size() >= batch) {
                        flushRelationships();
                    }
                }
            }
        });
        flushRelationships();
    }

    /** An id to be removed that an unread file refers to would leave that file with a dangling reference. */
    private void checkStillDeclared(HashIndex index, char kind) {
        index.forEachUnseen((id, extra) -> {
            if (unread.references(kind, id)) {
                throw new UnreadFiles.NeedsEveryFile("`" + id + "`, which an unread file refers to, is no longer declared");
            }
        });
    }

    private long removeNodes(HashIndex index, String label) {
        String statement = GraphWrites.deleteNodes(label);
        long[] removed = {0};
        forEachBatchOfUnseen(index, ids -> removed[0] += write(statement, Map.of("keys", ids)));
        return removed[0];
    }

    /** The stored ids of an index that no fact of this load claimed, handed on in batches. */
    private void forEachBatchOfUnseen(HashIndex index, java.util.function.Consumer<List<Object>> action) {
        List<Object> ids = new ArrayList<>();
        index.forEachUnseen((id, extra) -> {
            ids.add(id);
            if (ids.size() >= batch) {
                action.accept(taken(ids));
            }
        });
        if (!ids.isEmpty()) {
            action.accept(taken(ids));
        }
    }

    /**
     * Runs a write statement that returns its count as {@code n}: behind, while the pass is under way (the count
     * then unused: 0), else in turn, returning the count.
     */
    private long write(String statement, Map<String, Object> params) {
        if (tx.behind()) {
            tx.submit(t -> count(t, statement, params));
            return 0;
        }
        return count(tx, statement, params);
    }

    /**
     * Runs a write statement that must write every row, behind while the pass is under way: a row whose ends are
     * missing would vanish from a MATCH silently; it fails the load instead (rolled back).
     */
    private void writeAll(long rows, String statement, Map<String, Object> params) {
        tx.submit(t -> expect(rows, count(t, statement, params), statement));
    }

    /** The rows gathered so far, handed to a statement that may run later; the list is empty again. */
    private static <T> List<T> taken(List<T> rows) {
        List<T> batch = new ArrayList<>(rows);
        rows.clear();
        return batch;
    }

    private static long count(Tx t, String statement, Map<String, Object> params) {
        return ((Number) t.run(statement, params).single().get("n")).longValue();
    }

    private void expect(long rows, long written, String statement) {
        if (rows != written) {
            if (!unread.isEmpty() || !stored.knowsStarts()) {
                // What was stored is known from the last load's record, or unread files' fingerprints (which two
                // ids may share), not from the store: it has to be read.
                throw new UnreadFiles.NeedsEveryFile(written + " of " + rows + " rows written");
            }
            throw new IllegalStateException("the store changed during the load: " + written + " of " + rows
                    + " rows written by " + statement.lines().findFirst().orElse(statement));
        }
    }

    /** Statements are built once per load and kind, not once per fact. */
    private String statement(String name, java.util.function.Supplier<String> build) {
        return statements.computeIfAbsent(name, n -> build.get());
    }

    private void tick() {
        if (++processed % batch == 0) {
            progress.accept(processed);
        }
    }

    /** Counts of one kind of fact as the load goes. */
    private static final class Tally {
        long created;
        long updated;
        long unchanged;
        long removed;

        LoadReport.Counts counts() {
            return new LoadReport.Counts(created, updated, removed, unchanged);
        }
    }
}
