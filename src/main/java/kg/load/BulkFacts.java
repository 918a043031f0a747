package kg.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.facts.FileFacts;
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
    private final Optional<Path> sourcesDir;
    private final LongConsumer progress;
    private FactSet.ValidationReport rejected;
    private List<FileFacts> fileFacts = List.of();
    private long sources;
    private long entities;
    private long relationships;
    private RelationshipSpill spill;

    BulkFacts(FactSet facts, Schema schema, Optional<Path> sourcesDir, LongConsumer progress) {
        this.facts = facts;
        this.schema = schema;
        this.sourcesDir = sourcesDir;
        this.progress = progress;
    }

    /**
     * One pass over the files, validating them: nodes go to the importer, relationships to the spill, so that
     * the files are parsed once (the importer takes every node before any relationship). Facts with problems
     * abandon the import once its nodes are in (failing it instead would have the importer print a panic
     * message of its own); {@link #rejected()} says why.
     */
    @Override
    public void nodes(Consumer<BulkImport.Node> sink) {
        closeSpill();
        spill = new RelationshipSpill();
        sources = entities = relationships = 0;
        // Validation hands each id and key over once, so a fact declared twice is written once.
        FactSet.ValidationReport report = facts.validate(schema, sourcesDir, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                sink.accept(new BulkImport.Node(Schema.SOURCE_LABEL, s.id(), new String[] {Schema.SOURCE_LABEL},
                        FactProperties.of(s)));
                sources++;
                tick();
            }

            @Override
            public void entity(Fact.Entity e) {
                sink.accept(new BulkImport.Node(Schema.ENTITY_LABEL, e.id(), new String[] {Schema.ENTITY_LABEL, e.type()},
                        FactProperties.of(e)));
                entities++;
                tick();
            }

            @Override
            public void relationship(Fact.Relationship r) {
                spill.add(new BulkImport.Relationship(Schema.ENTITY_LABEL, r.from(), r.to(), r.type(),
                        FactProperties.of(r)));
                relationships++;
                tick();
            }
        });
        if (!report.valid()) {
            rejected = report;
        }
        fileFacts = report.fileFacts();
        progress.accept(sources + entities + relationships);
    }

    /** The validation report of facts with problems, for which the import is abandoned. */
    Optional<FactSet.ValidationReport> rejected() {
        return Optional.ofNullable(rejected);
    }

    /** What each file declared and referred to, once the nodes are in. */
    List<FileFacts> fileFacts() {
        return fileFacts;
    }

    @Override
    public boolean abandoned() {
        return rejected != null;
    }

    @Override
    public void relationships(Consumer<BulkImport.Relationship> sink) {
        if (rejected == null) {
            spill.replay(sink);
        }
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
        return new LoadReport(created(sources), created(entities), created(relationships), facts.files().size());
    }

    private static LoadReport.Counts created(long n) {
        return new LoadReport.Counts(n, 0, 0, 0);
    }
}
