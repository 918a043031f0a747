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
        kg.io.UnsyncedOutput out = new kg.io.UnsyncedOutput(bytes);
        Codec.RENDERED.write(rendered, out);
        out.flush();
        Rendered back = Codec.RENDERED.read(new kg.io.UnsyncedInput(new java.io.ByteArrayInputStream(bytes.toByteArray())));
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

    @Test
    void renderedBeforeTheKeysAreKnownGivesTheBytesOfWritingWithThem() {
        // "share" is an integer on one edge and a decimal on another: declared double, the integer written as one.
        // "code" is a float on one node and a string on another: declared string, the float as a Float's text.
        // "a b" and "a_x20_b" make the same NMTOKEN: the renderer's ids do not fit, a second pass is needed.
        List<ExportNode> nodes = List.of(
                new ExportNode("n1", "e1", new TreeMap<>(Map.of("code", 0.1f, "count", 3, "big", 1L << 40,
                        "name", HOSTILE))),
                new ExportNode("n2", "e2", new TreeMap<>(Map.of("code", "x", "count", 2.5, "big", 7))));
        List<ExportEdge> edges = List.of(
                new ExportEdge("T:1", "n1", "n2", "T", "1", "r1", new TreeMap<>(Map.of("share", 1, "n", -5))),
                new ExportEdge("T:2", "n2", "n1", "T", "2", "r2", new TreeMap<>(Map.of("share", 0.25, "n", 5L))));
        for (boolean ascii : new boolean[] {false, true}) {
            String expected = write(nodes, edges, ascii);
            assertTrue(expected.contains(">1.0</data>") && expected.contains(">0.1</data>"), expected);
            assertEquals(expected, rendered(nodes, edges, ascii, null));
        }
        List<ExportNode> colliding = List.of(new ExportNode("n1", "e1", new TreeMap<>(Map.of("a b", 1, "a_x20_b", 2))));
        Keys keys = new Keys();
        colliding.forEach(n -> keys.observeNode(n.data()));
        Renderer first = new Renderer(false, null);
        colliding.forEach(first::node);
        assertFalse(first.fits(keys.declared()), "two names, one id: the renderer's guess is wrong");
        assertEquals(write(colliding, List.of(), false), rendered(colliding, List.of(), false, keys.declared()));
    }

    /** As the export writes: rendered one by one (with the keys, when given), then copied under the declared keys. */
    static String rendered(List<ExportNode> nodes, List<ExportEdge> edges, boolean ascii, List<Keys.Key> known) {
        Keys keys = new Keys();
        nodes.forEach(n -> keys.observeNode(n.data()));
        edges.forEach(e -> keys.observeEdge(e.data()));
        Renderer renderer = new Renderer(ascii, known);
        List<Rendered> renderedNodes = nodes.stream().map(renderer::node).sorted(Rendered.ORDER).toList();
        List<Rendered> renderedEdges = edges.stream().sorted(Comparator.comparing(ExportEdge::id)).map(renderer::edge).toList();
        List<Keys.Key> declared = keys.declared();
        assertTrue(renderer.fits(declared));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        XmlOutput xml = new XmlOutput(out, ascii);
        GraphmlWriter writer = new GraphmlWriter(xml);
        writer.begin(declared);
        renderedNodes.forEach(n -> renderer.copy(n, xml, declared));
        renderedEdges.forEach(e -> renderer.copy(e, xml, declared));
        writer.end();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void sortKeysOrderAsTheElementOrdersDo() {
        String[] parts = {"", "a", "a\u0000", "a\u0001", "ab", "a~", "a\u007F", "a\u00E9", "a\uD83D\uDE00", "a\uE000",
                "a\uFFFF", "b", "\u0000", "\uFFFF", HOSTILE};
        Random random = new Random(7);
        List<ExportEdge> edges = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            edges.add(new ExportEdge("id", pick(parts, random), pick(parts, random), pick(parts, random),
                    pick(parts, random), pick(parts, random), new TreeMap<>()));
        }
        Renderer renderer = new Renderer(false, null);
        for (int i = 0; i < 20_000; i++) {
            ExportEdge a = edges.get(random.nextInt(edges.size()));
            ExportEdge b = edges.get(random.nextInt(edges.size()));
            assertEquals(Integer.signum(ExportEdge.ORDER.compare(a, b)),
                    Integer.signum(Rendered.ORDER.compare(renderer.edge(a), renderer.edge(b))), a + " / " + b);
        }
        ExportNode n = new ExportNode("a\uE000b", "e", new TreeMap<>());
        assertEquals(n.id(), renderer.node(n).first());
        assertTrue(renderer.node(n).sameFirst(renderer.node(new ExportNode(n.id(), "other", new TreeMap<>()))));
        assertFalse(renderer.node(n).sameFirst(renderer.node(new ExportNode(n.id() + "x", "e", new TreeMap<>()))));
    }

    private static String pick(String[] parts, Random random) {
        return parts[random.nextInt(parts.length)] + parts[random.nextInt(parts.length)];
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
