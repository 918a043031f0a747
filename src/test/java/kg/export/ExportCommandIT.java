package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.GraphNode;
import kg.store.GraphPath;
import kg.store.GraphRelationship;
import kg.testing.Cli;
import kg.testing.TestStores;

/** {@code kg export graphml} as users run it, on the curated seeds. */
class ExportCommandIT {

    @TempDir
    static Path dir;

    static String store;

    @BeforeAll
    static void load() {
        store = dir.resolve("store").toString();
        Cli loaded = Cli.run("load", "--store", store, "--page-cache", "32m", "seeds");
        assertEquals(0, loaded.exitCode(), loaded.err());
    }

    static Cli export(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "export";
        all[1] = "graphml";
        all[2] = "--store";
        all[3] = store;
        all[4] = "--page-cache";
        all[5] = "32m";
        System.arraycopy(args, 0, all, 6, args.length);
        return Cli.run(all);
    }

    @Test
    void savedQueryExportHasTheNodesAndRelationshipsOfItsPaths() throws IOException {
        Map<String, String> parameters = Map.of("from", "china", "to", "liege-hub");
        Set<String> expectedNodes = new HashSet<>();
        Set<String> expectedRelationships = new HashSet<>();
        try (EmbeddedStore open = TestStores.open(Path.of(store))) {
            PreparedQuery q = QueryLibrary.builtIn().prepare(SchemaReader.builtIn(), "influence-paths", parameters,
                    QueryOptions.NONE);
            open.read(tx -> {
                tx.run(q.cypher(), q.parameters()).forEachRemaining(row -> {
                    GraphPath p = (GraphPath) row.get("path");
                    p.nodes().stream().map(GraphNode::id).forEach(expectedNodes::add);
                    p.relationships().stream().map(GraphRelationship::elementId).forEach(expectedRelationships::add);
                });
                return null;
            });
        }
        assertFalse(expectedNodes.isEmpty(), "the seeds have influence paths from china to liege-hub");

        Path out = dir.resolve("influence.graphml");
        Cli cli = export("--query", "influence-paths", "-p", "from=china", "-p", "to=liege-hub", "-o", out.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("", cli.out(), "the file gets the data; the terminal only the summary on stderr");
        assertTrue(cli.err().contains(expectedNodes.size() + " nodes and " + expectedRelationships.size() + " edges"), cli.err());
        String xml = Files.readString(out, StandardCharsets.UTF_8);
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        assertEquals(expectedNodes, imported.graph().vertexSet());
        assertEquals(expectedRelationships.size(), imported.graph().edgeSet().size());

        Cli asOf = export("--query", "influence-paths", "-p", "from=china", "-p", "to=liege-hub", "--as-of", "1990",
                "-o", dir.resolve("as-of.graphml").toString());
        assertEquals(0, asOf.exitCode(), asOf.err());
        GraphmlFiles.validate(Files.readString(dir.resolve("as-of.graphml")));
    }

    @Test
    void wholeGraphToStandardOutputIsAsciiAndTheSameGraphAsTheFile() throws IOException {
        Cli toStdout = export("-o", "-");
        assertEquals(0, toStdout.exitCode(), toStdout.err());
        assertTrue(toStdout.out().chars().allMatch(c -> c < 0x80), "references for anything beyond ASCII");
        GraphmlFiles.validate(toStdout.out());
        Path file = dir.resolve("all.graphml");
        Cli toFile = export("-o", file.toString());
        assertEquals(0, toFile.exitCode(), toFile.err());
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported fromFile = GraphmlFiles.importWithJGraphT(xml);
        GraphmlFiles.Imported fromStdout = GraphmlFiles.importWithJGraphT(toStdout.out());
        assertEquals(fromFile.graph().vertexSet(), fromStdout.graph().vertexSet());
        assertEquals(fromFile.nodes(), fromStdout.nodes());
        assertEquals(fromFile.graph().edgeSet().size(), fromStdout.graph().edgeSet().size());
        assertTrue(fromFile.graph().containsVertex("liege-hub"));
        assertTrue(xml.contains("Liège"), "files are UTF-8 text");
        // Same store, same bytes.
        Cli again = export("-o", dir.resolve("again.graphml").toString());
        assertEquals(0, again.exitCode());
        assertEquals(-1L, Files.mismatch(file, dir.resolve("again.graphml")));
    }

    @Test
    void neighbourhoodAndCypherSelections() throws IOException {
        Path around = dir.resolve("around.graphml");
        Cli cli = export("--around", "liege-hub", "--depth", "2", "-o", around.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String xml = Files.readString(around);
        GraphmlFiles.validate(xml);
        GraphmlFiles.Imported imported = GraphmlFiles.importWithJGraphT(xml);
        assertTrue(imported.graph().containsVertex("liege-hub"));
        assertTrue(imported.graph().vertexSet().size() > 2, imported.graph().vertexSet().toString());

        Path cypher = dir.resolve("cypher.graphml");
        cli = export("--cypher", "MATCH (n:Country) RETURN n", "-o", cypher.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        GraphmlFiles.Imported countries = GraphmlFiles.importWithJGraphT(Files.readString(cypher));
        assertTrue(countries.graph().containsVertex("china"));
        assertTrue(countries.nodes().values().stream().allMatch(a -> a.get("type").getValue().equals("Country")));

        Path bound = dir.resolve("bound.graphml");
        cli = export("--cypher", "MATCH (n:Entity {id: $id}) RETURN n", "-p", "id=china", "-o", bound.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(Set.of("china"), GraphmlFiles.importWithJGraphT(Files.readString(bound)).graph().vertexSet());
    }

    @Test
    void mistakesAreToldAndLeaveNoFile() throws IOException {
        Path target = dir.resolve("kept.graphml");
        Files.writeString(target, "previous export");
        List<String[]> usage = List.of(
                new String[] {"--query", "influence-paths", "--around", "china", "-o", target.toString()},
                new String[] {"--depth", "2", "-o", target.toString()},
                new String[] {"-p", "from=china", "-o", target.toString()},
                new String[] {"--around", "china"});
        for (String[] args : usage) {
            Cli cli = export(args);
            assertEquals(2, cli.exitCode(), String.join(" ", args) + ": " + cli.err());
            assertFalse(cli.err().contains("Exception"), cli.err());
        }
        Cli write = export("--cypher", "CREATE (n:Entity {id: 'intruder'}) RETURN n", "-o", target.toString());
        assertEquals(1, write.exitCode());
        assertTrue(write.err().contains("refused"), write.err());
        Cli unknown = export("--around", "no-such-entity", "-o", target.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("no-such-entity"), unknown.err());
        Cli query = export("--query", "no-such-query", "-o", target.toString());
        assertEquals(2, query.exitCode(), query.err());
        assertTrue(query.err().contains("unknown query"), query.err());
        assertEquals("previous export", Files.readString(target), "a failed export leaves the file as it was");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no half-written files");
        }
        Cli noFolder = export("-o", dir.resolve("missing/out.graphml").toString());
        assertEquals(1, noFolder.exitCode());
        assertTrue(noFolder.err().contains("no such folder"), noFolder.err());
    }
}
