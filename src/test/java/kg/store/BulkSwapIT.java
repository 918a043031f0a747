package kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.testing.TestStores;

/**
 * A kill at any point of a bulk import leaves the old graph or the complete new one: the states a kill can
 * leave behind, set up by hand, then the store opened as the next kg process would open it.
 */
class BulkSwapIT {

    @TempDir
    Path tmp;

    /** Two nodes and a relationship: enough to tell the imported graph from the old one. */
    private static final BulkImport.Input INPUT = new BulkImport.Input() {
        @Override
        public void nodes(Consumer<BulkImport.Node> sink) {
            sink.accept(new BulkImport.Node("Entity", "a", new String[] {"Entity", "Company"},
                    Map.of("id", "a", "aliases", List.of("A", "Ay"), "share", 0.5)));
            sink.accept(new BulkImport.Node("Entity", "b", new String[] {"Entity", "Person"}, Map.of("id", "b")));
        }

        @Override
        public void relationships(Consumer<BulkImport.Relationship> sink) {
            sink.accept(new BulkImport.Relationship("Entity", "a", "b", "EMPLOYS", Map.of("key", "EMPLOYS:a->b")));
        }
    };

    private static final String IMPORTED = "a[A, Ay] -EMPLOYS-> b";

    @Test
    void killedDuringTheImportLeavesTheOldGraph() throws IOException {
        Path dir = storeWithOneNode();
        NeoBulkImporter.importInto(BulkSwap.staging(dir), "neo4j", INPUT); // complete, but never committed
        assertEquals("old", graph(dir));
        assertFalse(Files.exists(BulkSwap.staging(dir)), "the abandoned import is cleared");
    }

    @Test
    void killedAfterTheCommitPointFinishesTheSwap() throws IOException {
        Path dir = storeWithOneNode();
        NeoBulkImporter.importInto(BulkSwap.staging(dir), "neo4j", INPUT);
        Files.writeString(dir.resolve("kg-swap"), "committed\n");
        // Killed half-way through the moves: the database folder is in place, the transaction logs are not.
        Path live = dir.resolve("data/databases/neo4j");
        Files.createDirectories(dir.resolve("kg-replaced/data/databases"));
        Files.move(live, dir.resolve("kg-replaced/data/databases/neo4j"));
        Files.move(BulkSwap.staging(dir).resolve("data/databases/neo4j"), live);
        assertEquals(IMPORTED, graph(dir));
        assertFalse(Files.exists(dir.resolve("kg-swap")));
        assertFalse(Files.exists(dir.resolve("kg-replaced")));
    }

    @Test
    void aCompleteSwapOpensAsTheImportedGraph() {
        Path dir = tmp.resolve("store");
        try (EmbeddedStore store = TestStores.open(dir)) {
            store.bulkImport().orElseThrow().replaceEmptyGraph(INPUT);
            assertEquals(IMPORTED, graph(store));
        }
        assertEquals(IMPORTED, graph(dir));
    }

    private Path storeWithOneNode() {
        Path dir = tmp.resolve("store");
        try (EmbeddedStore store = TestStores.open(dir)) {
            store.write(tx -> tx.run("CREATE (:Entity {id: 'old'})").list());
        }
        return dir;
    }

    private static String graph(Path dir) {
        try (EmbeddedStore store = TestStores.open(dir)) {
            return graph(store);
        }
    }

    /** The graph in a few characters: its relationship with the start's aliases, or else its node ids. */
    private static String graph(GraphStore store) {
        return store.read(tx -> {
            List<Map<String, Object>> rels = tx.run("MATCH (a)-[r]->(b) RETURN a.id AS a, a.aliases AS aliases,"
                    + " type(r) AS type, b.id AS b").list();
            if (!rels.isEmpty()) {
                Map<String, Object> r = rels.get(0);
                return r.get("a") + String.valueOf(r.get("aliases")) + " -" + r.get("type") + "-> " + r.get("b");
            }
            return String.join(",", tx.run("MATCH (n) RETURN n.id AS id ORDER BY id").list().stream()
                    .map(r -> (String) r.get("id")).toList());
        });
    }
}
