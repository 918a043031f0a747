package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import kg.store.EmbeddedStore;
import kg.testing.TestStores;

/**
 * Property values kg's own facts never hold but a store can: hostile strings, booleans, mixed types across
 * elements, nodes without a kg id. Written with Cypher, so that the export meets them exactly as stored.
 */
class GraphmlHostileIT {

    @TempDir
    static Path dir;

    static EmbeddedStore store;

    @BeforeAll
    static void write() {
        store = TestStores.written(dir.resolve("store"),
                "CREATE (a:Entity:Company {id: 'hostile', type: 'Company', name: $s, note: $s, aliases: [$s, 'x'],"
                + " flag: true, small: $int, big: $long, ratio: 0.125, counts: [1, 2, 3], mixed: 1, _hash: 'h'})"
                + " CREATE (b:Entity:Person {id: 'other', type: 'Person', name: 'Other', flag: false,"
                + " small: $int2, big: 7, ratio: 2, mixed: 'one', counts: ['a']})"
                + " CREATE (c:Stray {title: 'a node kg did not write'})"
                + " CREATE (a)-[:OWNS {key: $key, status: 'alleged', note: $s, sources: ['s1'], quotes: [$s],"
                + " share: 0.5, _hash: 'h'}]->(b)"
                + " CREATE (b)-[:KNOWS {since: '2020'}]->(c)",
                Map.of("s", GraphmlWriterTests.HOSTILE, "int", Integer.valueOf(42), "int2", Integer.valueOf(-1),
                        "long", 5_000_000_000L, "key", "OWNS:" + GraphmlWriterTests.HOSTILE));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String export(boolean ascii) {
        StringWriter out = new StringWriter();
        new GraphmlExport(store).write(new Selection.WholeGraph(), out, ascii);
        return out.toString();
    }

    @Test
    void hostileStringsValidateAndReadBackWithForbiddenCharactersReplaced() {
        // Neo4j itself stores unpaired surrogates as '?'; the control characters and the rest reach the export.
        String stored = store.read(tx -> (String) tx.run("MATCH (n {id: 'hostile'}) RETURN n.name AS s").single().get("s"));
        assertTrue(stored.contains("\u0000\u0001") && stored.contains("\uFFFE") && stored.contains("\r"));
        String readBack = Xml.legal(stored);
        assertTrue(readBack.contains("\uFFFD\uFFFD") && !readBack.contains("\u0000"));
        for (boolean ascii : new boolean[] {false, true}) {
            String xml = export(ascii);
            GraphmlFiles.validate(xml);
            Document doc = GraphmlFiles.parse(xml);
            Map<String, String> node = GraphmlFiles.data(doc, "node", "hostile");
            assertEquals(readBack, node.get("name"));
            assertEquals(readBack, node.get("label"));
            assertEquals(readBack, node.get("note"));
            List<String> edges = GraphmlFiles.ids(doc, "edge");
            String owns = edges.stream().filter(id -> id.startsWith("OWNS:")).findFirst().orElseThrow();
            assertTrue(owns.matches("[A-Za-z0-9._:-]+"), owns);
            Map<String, String> edge = GraphmlFiles.data(doc, "edge", owns);
            assertEquals(readBack, edge.get("note"));
            assertEquals("OWNS:" + readBack, edge.get("key"));
            GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
            assertEquals(3, imported.graph().vertexSet().size());
            assertEquals(2, imported.graph().edgeSet().size());
        }
    }

    @Test
    void everyPropertyTypeRoundTripsAndMixedTypesBecomeStrings() {
        String xml = export(false);
        Map<String, String> types = GraphmlFiles.keyTypes(GraphmlFiles.parse(xml));
        assertEquals("boolean", types.get("node:flag"));
        assertEquals("int", types.get("node:small"));
        assertEquals("long", types.get("node:big"));
        assertEquals("double", types.get("node:ratio"), "a double and an integer: double");
        assertEquals("string", types.get("node:mixed"));
        assertEquals("string", types.get("node:counts"), "lists are JSON strings");
        assertEquals("double", types.get("edge:share"));
        assertTrue(!types.containsKey("node:_hash") && !types.containsKey("edge:_hash"));

        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        Map<String, Attribute> hostile = imported.nodes().get("hostile");
        assertEquals(AttributeType.BOOLEAN, hostile.get("flag").getType());
        assertEquals("true", hostile.get("flag").getValue());
        assertEquals(AttributeType.INT, hostile.get("small").getType());
        assertEquals("42", hostile.get("small").getValue());
        assertEquals(AttributeType.LONG, hostile.get("big").getType());
        assertEquals("5000000000", hostile.get("big").getValue());
        assertEquals(0.125, Double.parseDouble(hostile.get("ratio").getValue()));
        assertEquals("[1,2,3]", hostile.get("counts").getValue());
        assertEquals("1", hostile.get("mixed").getValue());
        Map<String, Attribute> other = imported.nodes().get("other");
        assertEquals("false", other.get("flag").getValue());
        assertEquals("-1", other.get("small").getValue());
        assertEquals(2.0, Double.parseDouble(other.get("ratio").getValue()));
        assertEquals("one", other.get("mixed").getValue());
        assertEquals("[\"a\"]", other.get("counts").getValue());
    }

    @Test
    void aNodeWithoutKgIdGetsItsElementIdAndItsLabelAsType() {
        String xml = export(false);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        String stray = imported.graph().vertexSet().stream().filter(v -> !v.equals("hostile") && !v.equals("other"))
                .findFirst().orElseThrow();
        assertEquals("Stray", imported.nodes().get(stray).get("type").getValue());
        assertEquals("a node kg did not write", imported.nodes().get(stray).get("label").getValue());
        assertEquals(export(false), xml, "deterministic");
    }
}
