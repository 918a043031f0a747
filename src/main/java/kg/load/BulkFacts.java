package kg.load;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.Schema;
import kg.store.BulkImport;

/**
 * The facts as a bulk import into an empty graph: the same nodes, labels and properties the Cypher path
 * writes ({@link FactProperties}), streamed from the files in one pass. Counts what it hands over, which
 * is what the load created: the graph was empty.
 */
final class BulkFacts implements BulkImport.Input, AutoCloseable {

    private final FactSet facts;
    private final Schema schema;
    private final LongConsumer progress;
    private long sources;
    private long entities;
    private long relationships;
    private RelationshipSpill spill;

    BulkFacts(FactSet facts, Schema schema, LongConsumer progress) {
        this.facts = facts;
        this.schema = schema;
        this.progress = progress;
    }

    /**
     * One pass over the files: nodes go to the importer, relationships to the spill, so that the files are
     * parsed once (the importer takes every node before any relationship).
     */
    @Override
    public void nodes(Consumer<BulkImport.Node> sink) {
        // A fact declared twice (with the same content: validation saw to that) is written once. Keys are
        // unique across relationship types within one set of files (validation), so one set serves all types.
        Set<String> sourceIds = new HashSet<>();
        Set<String> entityIds = new HashSet<>();
        Set<String> keys = new HashSet<>();
        closeSpill();
        spill = new RelationshipSpill();
        facts.forEach(schema, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                if (sourceIds.add(s.id())) {
                    sink.accept(new BulkImport.Node(Schema.SOURCE_LABEL, s.id(), new String[] {Schema.SOURCE_LABEL},
                            FactProperties.of(s)));
                    tick();
                }
            }

            @Override
            public void entity(Fact.Entity e) {
                if (entityIds.add(e.id())) {
                    sink.accept(new BulkImport.Node(Schema.ENTITY_LABEL, e.id(), new String[] {Schema.ENTITY_LABEL, e.type()},
                            FactProperties.of(e)));
                    tick();
                }
            }

            @Override
            public void relationship(Fact.Relationship r) {
                if (keys.add(r.key())) {
                    spill.add(new BulkImport.Relationship(Schema.ENTITY_LABEL, r.from(), r.to(), r.type(),
                            FactProperties.of(r)));
                    tick();
                }
            }
        });
        sources = sourceIds.size();
        entities = entityIds.size();
        relationships = keys.size();
        progress.accept(sources + entities + relationships);
    }

    @Override
    public void relationships(Consumer<BulkImport.Relationship> sink) {
        spill.replay(sink);
    }

    /** Deletes the spill file, however the import ended. */
    @Override
    public void close() {
        closeSpill();
    }

    private void closeSpill() {
        if (spill != null) {
            spill.close();
            spill = null;
        }
    }

    private long handed;

    private void tick() {
        if (++handed % Loader.BATCH == 0) {
            progress.accept(handed);
        }
    }

    LoadReport report() {
        return new LoadReport(created(sources), created(entities), created(relationships));
    }

    private static LoadReport.Counts created(long n) {
        return new LoadReport.Counts(n, 0, 0, 0);
    }
}
