package kg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import kg.facts.FactSet;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.GraphStore;
import kg.store.Rows;
import kg.store.Tx;
import kg.testing.GraphDump;
import kg.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load, reload, idempotence, removal and all-or-nothing, on one real embedded store. */
class LoaderIT {

    @TempDir
    static Path storeDir;
    @TempDir
    Path factsDir;

    static Schema schema;
    static EmbeddedStore store;

    static final String SOURCES = """
            sources:
              - {id: s1, title: First report, date: 2023-10}
              - {id: s2, title: Second report}
            """;

    static final String ENTITIES = """
            entities:
              - {id: parent, type: Company, name: Parent Group, aliases: [Parent, PG]}
              - {id: sub, type: Company, name: Subsidiary}
              - {id: hub, type: Site, name: The Hub, kind: hub, area_m2: 30000}
              - {id: ann, type: Person, name: Ann Example}
              - {id: agency, type: Agency, name: The Agency, kind: intelligence}
            """;

    static final String RELATIONSHIPS = """
            relationships:
              - {type: OWNS, from: parent, to: sub, share: 1.0, status: confirmed, sources: [s1]}
              - {type: OPERATES, from: sub, to: hub, status: reported, sources: [{source: s1, quote: "runs the hub"}]}
              - {id: ann-ceo-1, type: HOLDS_POSITION, from: ann, to: parent, role: CEO, since: 2015, until: 2019,
                 status: confirmed, sources: [s1, s2]}
              - {type: MONITORS, from: agency, to: hub, status: alleged, asserted_by: [agency], sources: [s2]}
            """;

    @BeforeAll
    static void openStore() {
        schema = SchemaReader.builtIn();
        store = TestStores.open(storeDir);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @BeforeEach
    void startEmpty() throws IOException {
        write("facts.yaml", SOURCES + ENTITIES + RELATIONSHIPS);
        new Loader(store, schema).load(FactSet.of(List.of(Files.createTempDirectory("empty"))));
        assertEquals("", dump(), "the store starts each test empty");
    }

    @Test
    void loadsEveryFactWithItsProperties() {
        LoadReport report = load();
        assertEquals(new LoadReport.Counts(2, 0, 0, 0), report.sources());
        assertEquals(new LoadReport.Counts(5, 0, 0, 0), report.entities());
        assertEquals(new LoadReport.Counts(4, 0, 0, 0), report.relationships());
        Map<String, Object> hub = row("MATCH (n:Entity:Site {id: 'hub'}) RETURN n.name AS name, n.type AS type,"
                + " n.area_m2 AS area, labels(n) AS labels");
        assertEquals("The Hub", hub.get("name"));
        assertEquals("Site", hub.get("type"));
        assertEquals(30000.0, hub.get("area"));
        Map<String, Object> ceo = row("MATCH (:Person {id: 'ann'})-[r:HOLDS_POSITION]->(:Company {id: 'parent'})"
                + " RETURN r.key AS key, r.role AS role, r.since AS since, r.until AS until, r.status AS status,"
                + " r.sources AS sources, r.quotes AS quotes");
        assertEquals(Map.of("key", "ann-ceo-1", "role", "CEO", "since", "2015", "until", "2019", "status", "confirmed",
                "sources", List.of("s1", "s2"), "quotes", List.of("", "")), ceo);
        Map<String, Object> operates = row("MATCH (:Company {id: 'sub'})-[r:OPERATES]->(:Site {id: 'hub'})"
                + " RETURN r.key AS key, r.quotes AS quotes");
        assertEquals("OPERATES:sub->hub", operates.get("key"));
        assertEquals(List.of("runs the hub"), operates.get("quotes"));
        assertEquals("First report", row("MATCH (s:Source {id: 's1'}) RETURN s.name AS name").get("name"));
    }

    @Test
    void loadingTheSameFilesTwiceLeavesTheGraphIdentical() {
        load();
        String first = dump();
        LoadReport again = load();
        assertEquals(new LoadReport.Counts(0, 0, 0, 5), again.entities());
        assertEquals(new LoadReport.Counts(0, 0, 0, 4), again.relationships());
        assertEquals(new LoadReport.Counts(0, 0, 0, 2), again.sources());
        assertEquals(first, dump());
    }

    @Test
    void reloadAfterAnEditMakesTheGraphMatchTheFilesExactly() throws IOException {
        load();
        Object ownsBefore = row("MATCH ()-[r:OWNS]->() RETURN elementId(r) AS v").get("v");
        write("facts.yaml", SOURCES + """
                entities:
                  - {id: parent, type: Company, name: Parent Group Holdings, aliases: [Parent, PG]}
                  - {id: sub, type: Company, name: Subsidiary}
                  - {id: hub, type: Site, name: The Hub, kind: hub, area_m2: 30000}
                  - {id: ann, type: Person, name: Ann Example}
                relationships:
                  - {type: OWNS, from: parent, to: sub, share: 0.6, status: confirmed, sources: [s1]}
                  - {id: ann-ceo-1, type: HOLDS_POSITION, from: ann, to: sub, role: CEO, since: 2015, until: 2019,
                     status: confirmed, sources: [s1, s2]}
                """);
        LoadReport report = load();
        assertEquals(new LoadReport.Counts(0, 1, 1, 3), report.entities(), "parent renamed, agency removed");
        assertEquals(new LoadReport.Counts(0, 2, 2, 0), report.relationships(),
                "share changed, position moved to another company, OPERATES and MONITORS removed");
        assertEquals("Parent Group Holdings", row("MATCH (n:Entity {id: 'parent'}) RETURN n.name AS v").get("v"));
        assertEquals(0.6, row("MATCH ()-[r:OWNS]->() RETURN r.share AS v").get("v"));
        assertEquals(ownsBefore, row("MATCH ()-[r:OWNS]->() RETURN elementId(r) AS v").get("v"),
                "an edit that keeps both ends is made in place");
        assertEquals("sub", row("MATCH (:Person)-[r:HOLDS_POSITION]->(c) RETURN c.id AS v").get("v"));
        assertEquals(0L, row("MATCH (n:Entity {id: 'agency'}) RETURN count(n) AS v").get("v"));
        assertEquals(2L, row("MATCH ()-[r]->() RETURN count(r) AS v").get("v"));
    }

    @Test
    void aChangedTypeMovesTheNodeToTheNewLabel() throws IOException {
        load();
        write("facts.yaml", SOURCES + ENTITIES.replace("{id: agency, type: Agency, name: The Agency, kind: intelligence}",
                "{id: agency, type: Organization, name: The Agency}") + RELATIONSHIPS);
        load();
        assertEquals(List.of("Entity", "Organization"), row("MATCH (n {id: 'agency'}) RETURN labels(n) AS v").get("v"));
        assertEquals(null, row("MATCH (n {id: 'agency'}) RETURN n.kind AS v").get("v"), "old properties go too");
    }

    @Test
    void invalidFactsLoadNothing() throws IOException {
        load();
        String before = dump();
        // A valid new entity first (the one pass would write it), then an item problem.
        write("broken.yaml", "entities:\n  - {id: new-co, type: Company, name: New}\n  - {id: x, type: Nope, name: X}\n");
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> new Loader(store, schema)
                .load(FactSet.of(List.of(factsDir)), Optional.empty(), n -> { }));
        assertEquals(List.of("broken.yaml:3:19"), e.report().problems().stream()
                .map(p -> p.position().toString().replace(factsDir + "/", "")).toList());
        assertEquals(before, dump());
    }

    @Test
    void aProblemOnlyTheEndOfTheFilesRevealsLoadsNothing() throws IOException {
        load();
        String before = dump();
        // Every item is valid on its own; the relationship names an entity that no file declares.
        write("facts.yaml", SOURCES + ENTITIES + "  - {id: extra, type: Company, name: Extra}\n" + RELATIONSHIPS
                + "  - {type: OWNS, from: extra, to: nobody, status: confirmed, sources: [s1]}\n");
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> new Loader(store, schema)
                .load(FactSet.of(List.of(factsDir)), Optional.empty(), n -> { }));
        assertEquals(1, e.report().problems().size());
        assertTrue(e.report().problems().get(0).message().contains("undeclared id `nobody`"),
                e.report().problems().toString());
        assertEquals(before, dump());
    }

    @Test
    void aFailurePartWayThroughLeavesThePreviousGraphIntact() throws IOException {
        load();
        String before = dump();
        write("facts.yaml", SOURCES + ENTITIES.replace("Subsidiary", "Renamed Subsidiary")
                + "  - {id: extra, type: Company, name: Extra}\n" + RELATIONSHIPS.replace("share: 1.0", "share: 0.9"));
        GraphStore failing = new FailAfter(store, 3);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new Loader(failing, schema).load(FactSet.of(List.of(factsDir))));
        assertEquals("injected failure after 3 statements", e.getMessage());
        assertEquals(before, dump(), "nothing of the failed load is visible");
        LoadReport retried = load();
        assertEquals(1, retried.entities().created());
        assertNotEquals(before, dump());
    }

    @Test
    void undirectedRelationshipsHaveOneKeyWhicheverWayTheyAreWritten() throws IOException {
        write("facts.yaml", SOURCES + ENTITIES + """
                relationships:
                  - {type: MET_WITH, from: sub, to: ann, status: reported, sources: [s1]}
                  - {type: MET_WITH, from: ann, to: sub, status: reported, sources: [s1]}
                """);
        assertTrue(FactSet.of(List.of(factsDir)).validate(schema, Optional.empty()).valid());
        load();
        assertEquals(List.of(Map.of("key", "MET_WITH:ann--sub")), store.read(tx -> tx.run(
                "MATCH ()-[r:MET_WITH]->() RETURN r.key AS key").list()));
    }

    @Test
    void relationshipsBeforeTheirEntitiesAreWrittenOnceTheEntitiesAre() throws IOException {
        load();
        String expected = dump();
        new Loader(store, schema).load(FactSet.of(List.of(Files.createTempDirectory("empty"))));
        // Relationships first, in a file of their own: all of them wait for their ends, held as rows or (past
        // the limit) written by a second pass.
        write("a-relationships.yaml", RELATIONSHIPS);
        Files.writeString(factsDir.resolve("b-entities.yaml"), SOURCES + ENTITIES);
        FactSet facts = FactSet.of(List.of(factsDir));
        assertEquals(List.of(), facts.validate(schema, Optional.empty()).problems());
        for (int held : new int[] {0, 2, 1000}) {
            new Loader(store, schema).load(FactSet.of(List.of(Files.createTempDirectory("empty"))));
            LoadReport report = store.write(tx -> {
                try (WriteBehind behind = new WriteBehind(tx)) {
                    return new ChangeWriter(behind, schema, 2, held, n -> { }, UnreadFiles.NONE,
                            StoredFacts.read(behind, UnreadFiles.NONE)).load(facts, java.util.Optional.empty());
                }
            });
            assertEquals(new LoadReport.Counts(4, 0, 0, 0), report.relationships(), "held " + held);
            assertEquals(expected, dump(), "held " + held);
        }
    }

    private LoadReport load() {
        FactSet facts = FactSet.of(List.of(factsDir));
        FactSet.ValidationReport report = facts.validate(schema, Optional.empty());
        assertEquals(List.of(), report.problems());
        return new Loader(store, schema).load(facts);
    }

    private void write(String name, String content) throws IOException {
        try (var files = Files.list(factsDir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(factsDir.resolve(name), content);
    }

    private static Map<String, Object> row(String cypher) {
        return store.read(tx -> tx.run(cypher, Map.of()).single());
    }

    /** Every node and relationship with all labels and properties, in a canonical order. */
    static String dump() {
        return GraphDump.of(store);
    }

    /** A store that fails its Nth statement inside a write: a crash part-way through a load. */
    private record FailAfter(GraphStore delegate, int statements) implements GraphStore {
        @Override
        public <T> T read(Duration timeout, Work<T> work) {
            return delegate.read(timeout, work);
        }

        @Override
        public <T> T write(Work<T> work) {
            AtomicInteger count = new AtomicInteger();
            return delegate.write(tx -> work.run(new Tx() {
                @Override
                public Rows run(String cypher, Map<String, Object> parameters) {
                    if (count.incrementAndGet() > statements) {
                        throw new IllegalStateException("injected failure after " + statements + " statements");
                    }
                    return tx.run(cypher, parameters);
                }
            }));
        }

        @Override
        public void applySchema(List<String> statementsToApply) {
            delegate.applySchema(statementsToApply);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
        }
    }
}
