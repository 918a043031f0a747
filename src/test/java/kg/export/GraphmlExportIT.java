package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import kg.UserError;
import kg.facts.FactSet;
import kg.load.Loader;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.WriteRefused;
import kg.testing.TestStores;

/** GraphML exports of the seeds and the export fixture, from a real embedded store. */
class GraphmlExportIT {

    @TempDir
    static Path dir;

    static EmbeddedStore store;

    @BeforeAll
    static void load() {
        store = TestStores.open(dir.resolve("store"));
        Schema schema = SchemaReader.builtIn();
        List<Path> paths = List.of(Path.of("seeds"), Path.of("src/test/resources/fixtures/export"));
        FactSet facts = FactSet.of(paths);
        FactSet.ValidationReport report = facts.validate(schema, Optional.empty());
        assertTrue(report.valid(), report.problems().toString());
        new Loader(store, schema).load(facts);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String export(Selection selection) {
        return export(selection, GraphmlExport.DEFAULT_BUDGET);
    }

    static String export(Selection selection, long budget) {
        StringWriter out = new StringWriter();
        new GraphmlExport(store, budget).write(selection, out, false);
        return out.toString();
    }

    static long count(String cypher) {
        return store.read(tx -> ((Number) tx.run(cypher).single().get("n")).longValue());
    }

    @Test
    void wholeGraphValidatesAndImportsWithEveryNodeAndRelationship() {
        String xml = export(new Selection.WholeGraph());
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        assertEquals(count("MATCH (n) RETURN count(n) AS n"), imported.graph().vertexSet().size());
        assertEquals(count("MATCH ()-[r]->() RETURN count(r) AS n"), imported.graph().edgeSet().size());
        List<String> ids = store.read(tx -> tx.run("MATCH (n) RETURN n.id AS id").list().stream()
                .map(r -> (String) r.get("id")).toList());
        Set<String> kgIds = new TreeSet<>(ids);
        assertEquals(kgIds, new TreeSet<>(imported.graph().vertexSet()), "node ids are kg ids");
        assertFalse(xml.contains(" labels="), "no APOC-style labels attributes");
        assertFalse(xml.contains("_hash"), "internal hashes stay out");
        // The isolated entity and the sources are part of the whole graph.
        assertTrue(imported.graph().containsVertex("lonely-site"));
        assertTrue(imported.graph().containsVertex("src-x1"));
    }

    @Test
    void nodesCarryTypeAndDisplayLabelAndEdgesTheirClaim() {
        Document doc = GraphmlFiles.parse(export(new Selection.WholeGraph()));
        Map<String, String> nordwind = GraphmlFiles.data(doc, "node", "nordwind");
        assertEquals("Nordwind Holding", nordwind.get("label"));
        assertEquals("Nordwind Holding", nordwind.get("name"));
        assertEquals("Company", nordwind.get("type"));
        assertEquals("[\"Nordwind\",\"NWH\"]", nordwind.get("aliases"));
        assertEquals("1999", nordwind.get("founded"));
        assertFalse(nordwind.containsKey("id"), "the id is the node's own id");
        Map<String, String> source = GraphmlFiles.data(doc, "node", "src-x1");
        assertEquals("Source", source.get("type"));
        assertEquals("Register extract: \"Nordwind\" & <partners>", source.get("label"));
        assertEquals("https://example.org/register?a=1&b=2", source.get("url"));

        Map<String, String> owns = GraphmlFiles.data(doc, "edge", "OWNS:nordwind-_x3e_nordwind-ports");
        assertEquals("OWNS", owns.get("type"));
        assertEquals("OWNS", owns.get("label"));
        assertEquals("OWNS:nordwind->nordwind-ports", owns.get("key"));
        assertEquals("confirmed", owns.get("status"));
        assertEquals("2015-06", owns.get("since"));
        assertEquals("[\"src-x1\",\"src-x2\"]", owns.get("sources"));
        assertEquals("[\"51 % held by Nordwind\",\"\"]", owns.get("quotes"));
        assertEquals("0.51", owns.get("share"));
        Map<String, String> second = GraphmlFiles.data(doc, "edge", "HOLDS_POSITION:berg-ceo-2");
        assertEquals("alleged", second.get("status"));
        assertEquals("[\"hafen-union\"]", second.get("asserted_by"));
        assertEquals("A note with 'quotes', <angle brackets> & ampersands", second.get("note"));
        Map<String, String> first = GraphmlFiles.data(doc, "edge", "HOLDS_POSITION:berg-ceo-1");
        assertEquals("2010", first.get("since"));
        assertEquals("2014", first.get("until"));
    }

    @Test
    void propertyTypesRoundTripThroughJGraphT() {
        String xml = export(new Selection.WholeGraph());
        Document doc = GraphmlFiles.parse(xml);
        Map<String, String> types = GraphmlFiles.keyTypes(doc);
        assertEquals("double", types.get("edge:share"));
        assertEquals("double", types.get("edge:balance"));
        assertTrue(Set.of("int", "long").contains(types.get("edge:count")), types.get("edge:count"));
        assertTrue(Set.of("int", "long").contains(types.get("node:members")), types.get("node:members"));
        assertEquals("string", types.get("node:aliases"));
        assertEquals("string", types.get("edge:sources"));
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        Attribute members = imported.nodes().get("hafen-union").get("members");
        assertTrue(Set.of(AttributeType.INT, AttributeType.LONG).contains(members.getType()));
        assertEquals(1200L, Long.parseLong(members.getValue()));
        Attribute balance = imported.edge("land-a", "land-b", "TRADES_WITH").get("balance");
        assertEquals(AttributeType.DOUBLE, balance.getType());
        assertEquals(-12.5, Double.parseDouble(balance.getValue()));
        Attribute count = imported.edge("nordwind", "hafen-union", "EMPLOYS").get("count");
        assertEquals(340L, Long.parseLong(count.getValue()));
        Attribute label = imported.nodes().get("erika-berg").get("label");
        assertEquals(AttributeType.STRING, label.getType());
        assertEquals("Erika Berg", label.getValue());
    }

    @Test
    void neighbourhoodIsEveryNodeWithinDepthAndTheRelationshipsBetweenThem() {
        String depth1 = export(new Selection.Around("nordwind", 1));
        GraphmlFiles.validate(depth1);
        GraphmlFiles.Imported one = GraphmlFiles.importWithJGraphT(depth1);
        assertEquals(Set.of("nordwind", "nordwind-ports", "erika-berg", "hafen-union"), one.graph().vertexSet());
        assertEquals(4, one.graph().edgeSet().size()); // OWNS, EMPLOYS, two terms of HOLDS_POSITION

        String depth2 = export(new Selection.Around("erika-berg", 2));
        GraphmlFiles.validate(depth2);
        GraphmlFiles.Imported two = GraphmlFiles.importWithJGraphT(depth2);
        assertEquals(Set.of("erika-berg", "nordwind", "land-b", "nordwind-ports", "hafen-union", "land-a"),
                two.graph().vertexSet());
        // HOLDS_POSITION x2, MET_WITH, OWNS, EMPLOYS, and TRADES_WITH between two nodes of the neighbourhood
        assertEquals(6, two.graph().edgeSet().size());

        GraphmlFiles.Imported zero = GraphmlFiles.importWithJGraphT(export(new Selection.Around("lonely-site", 0)));
        assertEquals(Set.of("lonely-site"), zero.graph().vertexSet());
        assertEquals(0, zero.graph().edgeSet().size());

        UserError missing = assertThrows(UserError.class, () -> export(new Selection.Around("no-such-id", 1)));
        assertTrue(missing.getMessage().contains("no-such-id"));
    }

    @Test
    void liegeHubSeedNeighbourhood() {
        String xml = export(new Selection.Around("alibaba-group", 1));
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        long nodes = count("MATCH (c {id: 'alibaba-group'})-[]-(x) RETURN count(DISTINCT x) + 1 AS n");
        assertEquals(nodes, imported.graph().vertexSet().size());
        Set<String> ids = imported.graph().vertexSet();
        long edges = count("MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids RETURN count(r) AS n"
                .replace("$ids", ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(",", "[", "]"))));
        assertEquals(edges, imported.graph().edgeSet().size());
    }

    @Test
    void cypherSelectionTakesNodesRelationshipsAndPathsWithTheEndsOfEachRelationship() {
        String bare = export(new Selection.Cypher("MATCH (:Person {id: 'erika-berg'})-[r:HOLDS_POSITION]->() RETURN r",
                Map.of()));
        GraphmlFiles.validate(bare);
        GraphmlFiles.Imported rels = GraphmlFiles.importWithJGraphT(bare);
        assertEquals(Set.of("erika-berg", "nordwind"), rels.graph().vertexSet());
        assertEquals(2, rels.graph().edgeSet().size());

        String paths = export(new Selection.Cypher("MATCH p = (:Person {id: 'erika-berg'})-[*1..2]-(x:Company) RETURN p", Map.of()));
        GraphmlFiles.validate(paths);
        GraphmlFiles.Imported fromPaths = GraphmlFiles.importWithJGraphT(paths);
        assertEquals(Set.of("erika-berg", "nordwind", "nordwind-ports"), fromPaths.graph().vertexSet());
        assertEquals(3, fromPaths.graph().edgeSet().size(), "paths share relationships: each is written once");

        String collected = export(new Selection.Cypher(
                "MATCH (n:Company) WHERE n.id STARTS WITH $prefix RETURN collect(n) AS ns, {first: head(collect(n))} AS m",
                Map.of("prefix", "nordwind")));
        GraphmlFiles.validate(collected);
        assertEquals(Set.of("nordwind", "nordwind-ports"), GraphmlFiles.importWithJGraphT(collected).graph().vertexSet());

        String none = export(new Selection.Cypher("MATCH (n:Company) WHERE n.id = 'nobody' RETURN n", Map.of()));
        GraphmlFiles.validate(none);
        assertEquals(0, GraphmlFiles.importWithJGraphT(none).graph().vertexSet().size());

        assertThrows(UserError.class, () -> export(new Selection.Cypher("MATCH (n) RETURN n.name", Map.of())));
        assertThrows(WriteRefused.class, () -> export(new Selection.Cypher("CREATE (n:Entity {id: 'x'}) RETURN n", Map.of())));
        assertEquals(0, count("MATCH (n {id: 'x'}) RETURN count(n) AS n"));
    }

    @Test
    void everyBareRelationshipFindsItsEnds() {
        String xml = export(new Selection.Cypher("MATCH ()-[r]->() RETURN r", Map.of()));
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        assertEquals(count("MATCH ()-[r]->() RETURN count(r) AS n"), imported.graph().edgeSet().size());
        assertEquals(count("MATCH (n) WHERE (n)--() RETURN count(n) AS n"), imported.graph().vertexSet().size());
    }

    @Test
    void sameGraphGivesTheSameBytesInMemoryOrSpilledToDisk() {
        String first = export(new Selection.WholeGraph());
        String second = export(new Selection.WholeGraph());
        String spilled = export(new Selection.WholeGraph(), 512);
        assertEquals(first, second);
        assertEquals(first, spilled);
        String query = "MATCH p = (a)-[r]-(b) RETURN p, a, r, b";
        assertEquals(export(new Selection.Cypher(query, Map.of())), export(new Selection.Cypher(query, Map.of()), 256));
    }

    @Test
    void nodesAreInKgIdOrderAndEdgesInSourceTargetTypeKeyOrder() {
        Document doc = GraphmlFiles.parse(export(new Selection.WholeGraph()));
        List<String> nodeIds = GraphmlFiles.ids(doc, "node");
        assertEquals(nodeIds.stream().sorted().toList(), nodeIds);
        assertEquals(new HashSet<>(nodeIds).size(), nodeIds.size());
        List<String> edgeIds = GraphmlFiles.ids(doc, "edge");
        assertEquals(edgeIds.indexOf("HOLDS_POSITION:berg-ceo-1") + 1, edgeIds.indexOf("HOLDS_POSITION:berg-ceo-2"));
        org.w3c.dom.NodeList edges = doc.getElementsByTagNameNS("*", "edge");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < edges.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) edges.item(i);
            Map<String, String> data = GraphmlFiles.data(doc, "edge", e.getAttribute("id"));
            order.add(String.join("\u0000", e.getAttribute("source"), e.getAttribute("target"), data.get("type"),
                    data.get("key")));
        }
        assertTrue(order.size() > 100, "seeds and fixture: " + order.size());
        assertEquals(order.stream().sorted().toList(), order);
    }
}
