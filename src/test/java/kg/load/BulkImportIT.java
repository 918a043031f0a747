package kg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.facts.FactSet;
import kg.generate.Generator;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.testing.GraphDump;
import kg.testing.TestStores;

/** A load into an empty embedded store through the bulk importer writes exactly the graph the Cypher path writes. */
class BulkImportIT {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    @TempDir
    static Path tmp;
    static EmbeddedStore store;
    static FactSet facts;

    @BeforeAll
    static void setUp() throws IOException {
        Path dir = tmp.resolve("facts");
        new Generator(new Generator.Settings(400, 3, 150, 0)).write(dir);
        // What generated data may not cover: lists, numbers, explicit ids, undirected relationships written
        // both ways, and a fact declared twice with the same content.
        Files.writeString(dir.resolve("zz-edge-cases.yaml"), LoaderIT.SOURCES + LoaderIT.ENTITIES
                + "  - {id: parent, type: Company, name: Parent Group, aliases: [Parent, PG]}\n" + LoaderIT.RELATIONSHIPS
                + "  - {type: MET_WITH, from: sub, to: ann, status: reported, sources: [s1]}\n"
                + "  - {type: MET_WITH, from: ann, to: sub, status: reported, sources: [s1]}\n");
        facts = FactSet.of(List.of(dir));
        assertEquals(List.of(), facts.validate(SCHEMA, Optional.empty()).problems());
        store = TestStores.open(tmp.resolve("store"));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    @Test
    void bulkImportWritesTheSameGraphAsCypher() throws IOException {
        LoadReport viaCypher = new Loader(store, SCHEMA).load(facts);
        String expected = GraphDump.of(store);
        assertTrue(expected.lines().count() > 1000, "a graph of some size");

        new Loader(store, SCHEMA).load(FactSet.of(List.of(Files.createDirectories(tmp.resolve("none")))));
        assertEquals("", GraphDump.of(store), "emptied through Cypher");

        LoadReport viaBulk = new Loader(store, SCHEMA).withBulkThreshold(0).load(facts);
        assertEquals(viaCypher, viaBulk);
        assertEquals(expected, GraphDump.of(store));
        assertFalse(Files.exists(tmp.resolve("store").resolve("kg-import")), "nothing left beside the store");

        // The store's schema is back: constraints and indexes by name.
        List<Object> names = store.write(tx -> tx.run("SHOW INDEXES YIELD name RETURN name").list().stream()
                .map(r -> r.get("name")).toList());
        assertTrue(names.containsAll(List.of("kg_entity_id", "kg_source_id", "kg_names", "kg_rel_key_owns")), names.toString());

        // A later load of the same files goes through Cypher and finds nothing to do.
        Loader later = new Loader(store, SCHEMA).withBulkThreshold(0);
        assertFalse(later.load(facts).changedAnything());
        assertEquals(expected, GraphDump.of(store));
    }

    @Test
    void factsWithProblemsStopTheImportAndLeaveTheStoreEmpty() throws IOException {
        new Loader(store, SCHEMA).load(FactSet.of(List.of(Files.createDirectories(tmp.resolve("none")))));
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        new Generator(new Generator.Settings(200, 5, 150, 0)).write(dir);
        // Found only once every file has been read: a relationship to an id declared nowhere.
        Files.writeString(dir.resolve("zz-dangling.yaml"), LoaderIT.SOURCES
                + "relationships:\n  - {type: OWNS, from: nobody, to: no-one, status: confirmed, sources: [s1]}\n");
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> new Loader(store, SCHEMA).withBulkThreshold(0)
                .load(FactSet.of(List.of(dir)), Optional.empty(), n -> { }));
        assertEquals(2, e.report().problems().size(), e.report().problems().toString());
        assertEquals("", GraphDump.of(store));
        assertFalse(Files.exists(tmp.resolve("store").resolve("kg-import")), "nothing left beside the store");
    }
}
