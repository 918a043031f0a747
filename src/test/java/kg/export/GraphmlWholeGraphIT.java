package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.store.EmbeddedStore;
import kg.testing.TestStores;

/**
 * The whole graph is read in one statement of its own (each node with its outgoing relationships, handed to a
 * second thread); any other selection through the general path. On a graph kg's facts never make, both give
 * the same bytes, in memory or spilled to disk, and after a second pass for colliding key names.
 */
class GraphmlWholeGraphIT {

    @TempDir
    static Path dir;

    static EmbeddedStore store;

    @BeforeAll
    static void write() {
        store = TestStores.written(dir.resolve("store"),
                "CREATE (a:Entity:Company {id: 'ünï cödé', name: $s, aliases: [$s, 'x'], ratio: 2, `a b`: 1})"
                + " CREATE (b:Entity:Person {id: 'b->c:d', name: 'B', ratio: 0.5, `a_x20_b`: 'two'})"
                + " CREATE (e:Entity:Person {id: 'emoji\\uD83D\\uDE00', name: 'E', small: $int})"
                + " CREATE (s:Source {id: 'src-1', title: 'a source', small: 3})"
                + " CREATE (both:Entity:Source {id: 'both', name: 'entity and source'})"
                + " CREATE (stray:Stray {title: 'no kg id'})"
                + " CREATE (a)-[:OWNS {key: 'OWNS:x', share: 1}]->(b)"
                + " CREATE (a)-[:OWNS {key: 'OWNS:y', share: 0.25}]->(b)"
                + " CREATE (a)-[:OWNS]->(b) CREATE (a)-[:OWNS]->(b)"
                + " CREATE (a)-[:KNOWS {note: $s}]->(a)"
                + " CREATE (s)-[:CITES {quotes: [$s]}]->(a)"
                + " CREATE (b)-[:CITED_BY]->(s)"
                + " CREATE (both)-[:KNOWS]->(stray) CREATE (stray)-[:KNOWS]->(e)",
                Map.of("s", GraphmlWriterTests.HOSTILE, "int", Integer.valueOf(42)));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String export(Selection selection, long budget) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GraphmlExport(store, budget).write(selection, out, false);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wholeGraphGivesTheBytesOfTheGeneralPath() {
        String whole = export(new Selection.WholeGraph(), GraphmlExport.DEFAULT_BUDGET);
        GraphmlFiles.validate(whole);
        String general = export(new Selection.Cypher("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r", Map.of()),
                GraphmlExport.DEFAULT_BUDGET);
        assertEquals(general, whole);
        assertEquals(whole, export(new Selection.WholeGraph(), 256), "spilled to disk");
        assertEquals(6, GraphmlFiles.ids(GraphmlFiles.parse(whole), "node").size());
        assertEquals(9, GraphmlFiles.ids(GraphmlFiles.parse(whole), "edge").size());
        assertTrue(whole.contains("<data key=\"e_share\">1.0</data>"), "an integer under a key of decimals");
        assertTrue(whole.contains("attr.name=\"a_x20_b\"") && whole.contains("<key id=\"n_a_x20_b_2\""),
                "colliding key names: ids from the second pass");
    }

    @Test
    void progressCountsEveryElementReadThenWrittenAndLeavesTheBytesAlone() {
        List<Long> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        GraphmlExport.Progress progress = new GraphmlExport.Progress() {
            @Override
            public void read(long elements) {
                read.add(elements);
            }

            @Override
            public void written(long elements) {
                written.add(elements);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GraphmlExport.Counts counts = new GraphmlExport(store).withProgress(progress, 2)
                .write(new Selection.WholeGraph(), out, false);
        assertEquals(export(new Selection.WholeGraph(), GraphmlExport.DEFAULT_BUDGET), out.toString(StandardCharsets.UTF_8));
        assertEquals(15, counts.nodes() + counts.edges());
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L, 14L), written, "every 2 of the 15 written");
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L, 14L, 2L, 4L, 6L, 8L, 10L, 12L, 14L), read,
                "every 2 of the 15 read, twice: this graph's colliding key names take a second pass");
    }
}
