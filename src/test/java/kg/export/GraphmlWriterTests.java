package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The GraphML writer, its escaping, key types and the external sort, without a store. */
class GraphmlWriterTests {

    /** Every kind of string that breaks naive XML writers. */
    static final String HOSTILE = "a & b < c > d \" e ' f ]]> <![CDATA[x]]> &amp; &#0; "
            + "\u0000\u0001\u0007\u0008\u000B\u000C\u000E\u001F tab\there nl\nhere cr\rhere "
            + "lone-high:\uD800: lone-low:\uDC00: reversed:\uDC00\uD800: \uFFFE\uFFFF "
            + "emoji:\uD83D\uDE00 rtl:\u202E שלום del:\u007F c1:\u0085 nbsp:\u00A0 end";

    /** What an XML parser gives back for HOSTILE: forbidden characters replaced by U+FFFD, the rest exactly. */
    static final String HOSTILE_READ_BACK = "a & b < c > d \" e ' f ]]> <![CDATA[x]]> &amp; &#0; "
            + "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD tab\there nl\nhere cr\rhere "
            + "lone-high:\uFFFD: lone-low:\uFFFD: reversed:\uFFFD\uFFFD: \uFFFD\uFFFD "
            + "emoji:\uD83D\uDE00 rtl:\u202E שלום del:\u007F c1:\u0085 nbsp:\u00A0 end";

    @Test
    void legalReplacesOnlyWhatXmlForbids() {
        assertEquals(HOSTILE_READ_BACK, Xml.legal(HOSTILE));
        assertEquals("plain", Xml.legal("plain"));
    }

    @Test
    void nmtokensKeepKgIdsAndEscapeTheRest() {
        assertEquals("alibaba-group", Xml.nmtoken("alibaba-group"));
        assertEquals("OWNS:a.b_c", Xml.nmtoken("OWNS:a.b_c"));
        assertEquals("OWNS:a-_x3e_b", Xml.nmtoken("OWNS:a->b"));
        assertEquals("a_x20_b_x1f600_", Xml.nmtoken("a b\uD83D\uDE00"));
        assertEquals("_", Xml.nmtoken(""));
    }

    @Test
    void hostileStringsInDataAndAttributesStayValidAndReadBack() {
        for (boolean ascii : new boolean[] {false, true}) {
            Map<String, Object> nodeData = new TreeMap<>(Map.of("name", HOSTILE, "label", HOSTILE,
                    "aliases", List.of(HOSTILE, "x")));
            ExportNode a = new ExportNode(Xml.nmtoken("a <&> " + HOSTILE), "e1", nodeData);
            ExportNode b = new ExportNode("b", "e2", new TreeMap<>(Map.of("name", "B")));
            ExportEdge edge = new ExportEdge(Xml.nmtoken("T:" + HOSTILE), a.id(), "b", "T", HOSTILE, "r1",
                    new TreeMap<>(Map.of("note", HOSTILE)));
            String xml = write(List.of(a, b), List.of(edge), ascii);
            GraphmlFiles.validate(xml);
            if (ascii) {
                assertTrue(xml.chars().allMatch(c -> c < 0x80), "ASCII-only output has only ASCII");
            }
            Document doc = GraphmlFiles.parse(xml);
            Map<String, String> data = GraphmlFiles.data(doc, "node", a.id());
            assertEquals(HOSTILE_READ_BACK, data.get("name"));
            assertEquals(HOSTILE_READ_BACK, data.get("label"));
            assertEquals(HOSTILE_READ_BACK, GraphmlFiles.data(doc, "edge", edge.id()).get("note"));
            // Lists are JSON: control characters escaped by JSON, so nothing is lost there.
            assertTrue(data.get("aliases").startsWith("[\"a & b < c > d \\\" e ' f"), data.get("aliases"));
            assertTrue(data.get("aliases").contains("\\u0000\\u0001"), data.get("aliases"));
            assertEquals(2, GraphmlFiles.importWithJGraphT(xml).graph().vertexSet().size());
        }
    }

    @Test
    void keyTypesFollowTheValues() {
        Keys keys = new Keys();
        keys.observeNode(Map.of("s", "x", "i", 1, "l", 2L, "d", 0.5, "b", true, "list", List.of("a"),
                "map", Map.of("k", 1), "mixed", 1, "ints", 1, "nums", 1));
        keys.observeNode(Map.of("mixed", "one", "ints", 3_000_000_000L, "nums", 2.5, "b", false));
        Map<String, String> types = new TreeMap<>();
        keys.declared().forEach(k -> types.put(k.name(), k.type().attrType()));
        assertEquals(Map.of("s", "string", "i", "int", "l", "long", "d", "double", "b", "boolean", "list", "string",
                "map", "string", "mixed", "string", "ints", "long", "nums", "double"), types);
        assertEquals(GraphmlType.STRING, GraphmlType.BOOLEAN.merge(GraphmlType.INT));
        assertEquals("[\"a\",\"b\"]", GraphmlType.STRING.format(List.of("a", "b")));
        assertEquals("{\"k\":[1,2.5,true]}", GraphmlType.STRING.format(Map.of("k", List.of(1, 2.5, true))));
        assertEquals("3.0", GraphmlType.DOUBLE.format(3));
        assertEquals("7", GraphmlType.STRING.format(7L));
    }

    @Test
    void keyIdsNeverCollideWithYedsDefaultLabelKeysAndStayUnique() {
        Keys keys = new Keys();
        keys.observeNode(Map.of("d3", "x", "a b", "1", "a_x20_b", "2"));
        keys.observeEdge(Map.of("d7", "y", "label", "z"));
        List<String> ids = keys.declared().stream().map(Keys.Key::id).toList();
        assertFalse(ids.contains("d3"));
        assertFalse(ids.contains("d7"));
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), ids.toString());
        GraphmlFiles.validate(write(keys, List.of(new ExportNode("n", "e", new TreeMap<>(Map.of("d3", "x", "a b", "1",
                "a_x20_b", "2")))), List.of()));
    }

    @Test
    void theSchemaCheckRejectsWhatApocWritesAndWhatNaiveWritersLetThrough() {
        String ok = write(List.of(new ExportNode("a", "e", new TreeMap<>(Map.of("name", "A")))), List.of(), false);
        GraphmlFiles.validate(ok);
        // apoc.export.graphml puts labels on <node>: the GraphML schema has no such attribute.
        assertThrows(AssertionError.class, () -> GraphmlFiles.validate(ok.replace("<node id=\"a\">",
                "<node id=\"a\" labels=\":Company\">")));
        assertThrows(AssertionError.class, () -> GraphmlFiles.validate(ok.replace(">A<", ">\u0001<")));
        assertThrows(AssertionError.class, () -> GraphmlFiles.validate(ok.replace("<node id=\"a\">",
                "<node id=\"a->b\">")));
        assertThrows(AssertionError.class, () -> GraphmlFiles.validate(ok.replace("</graph>",
                "<edge source=\"a\" target=\"missing\"/></graph>")));
    }

    @Test
    void emptyGraphIsValid() {
        String xml = write(List.of(), List.of(), false);
        GraphmlFiles.validate(xml);
        assertEquals(0, GraphmlFiles.importWithJGraphT(xml).graph().vertexSet().size());
    }

    @Test
    void spoolSortsAndDropsDuplicatesAcrossRunsOnDisk(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        Renderer renderer = new Renderer(false, null);
        List<Rendered> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String id = "n" + random.nextInt(2_000);
            all.add(renderer.node(new ExportNode(id, "el-" + id, new TreeMap<>(Map.of("name", "node " + id, "i", 1)))));
        }
        List<Rendered> drained = new ArrayList<>();
        try (Spool<Rendered> spool = new Spool<>(Codec.RENDERED, Rendered.ORDER, 20_000, dir, "t-")) {
            all.forEach(spool::add);
            assertTrue(spool.runs() > 10, "a small budget spills runs: " + spool.runs());
            spool.drain(drained::add);
        }
        List<Rendered> expected = all.stream().sorted(Rendered.ORDER).distinct().toList();
        assertEquals(expected, drained);
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count(), "runs are deleted");
        }
    }

    @Test
    void codecKeepsRenderedElementsWhole() throws Exception {
        Map<String, Object> data = new TreeMap<>();
        data.put("s", HOSTILE);
        data.put("i", 7);
        data.put("l", 1L << 40);
        data.put("f", 0.1f);
        data.put("d", -0.25);
        data.put("list", List.of("x", 1L, 2.0, false));
        ExportEdge edge = new ExportEdge("id", "s", "t", "T" + HOSTILE, "k" + HOSTILE, "el", data);
        Rendered rendered = new Renderer(false, null).edge(edge);
        assertEquals(3 * 3, rendered.notes().length, "the int, the long and the float are noted");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Codec.RENDERED.write(rendered, new java.io.DataOutputStream(bytes));
        Rendered back = Codec.RENDERED.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(rendered, back);
        assertEquals(0, Rendered.ORDER.compare(rendered, back));
    }

    @Test
    void edgesWithoutDeclaredKeysAreABug() {
        GraphmlWriter writer = new GraphmlWriter(new XmlOutput(new java.io.ByteArrayOutputStream(), false));
        writer.begin(List.of());
        assertThrows(IllegalStateException.class,
                () -> writer.node(new ExportNode("n", "e", new TreeMap<>(Map.of("x", 1)))));
    }

    static String write(List<ExportNode> nodes, List<ExportEdge> edges, boolean ascii) {
        Keys keys = new Keys();
        nodes.forEach(n -> keys.observeNode(n.data()));
        edges.forEach(e -> keys.observeEdge(e.data()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        GraphmlWriter writer = new GraphmlWriter(new XmlOutput(out, ascii));
        writer.begin(keys.declared());
        nodes.stream().sorted(ExportNode.ORDER).forEach(writer::node);
        edges.stream().sorted(Comparator.comparing(ExportEdge::id)).forEach(writer::edge);
        writer.end();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String write(Keys keys, List<ExportNode> nodes, List<ExportEdge> edges) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        GraphmlWriter writer = new GraphmlWriter(new XmlOutput(out, false));
        writer.begin(keys.declared());
        nodes.forEach(writer::node);
        edges.forEach(writer::edge);
        writer.end();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
