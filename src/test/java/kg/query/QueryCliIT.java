package kg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import kg.store.EmbeddedStore;
import kg.testing.Cli;
import kg.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kg query list|show|run} and {@code kg cypher} end to end, on a store holding the fixture facts. */
class QueryCliIT {

    @TempDir
    static Path dir;
    static String store;

    @BeforeAll
    static void load() {
        Path storeDir = dir.resolve("store");
        try (EmbeddedStore s = TestStores.open(storeDir)) {
            QueryFixtures.load(s, QueryFixtures.fixtures());
        }
        store = storeDir.toString();
    }

    private static Cli kg(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store";
        all[args.length + 1] = store;
        all[args.length + 2] = "--page-cache";
        all[args.length + 3] = "32m";
        return Cli.run(all);
    }

    @Test
    void listNamesEveryQueryWithItsDescription() {
        Cli r = Cli.run("query", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ownership-chain  All ownership and control paths into an entity"), r.out());
        assertEquals(QueryFixtures.LIBRARY.all().size(), r.out().lines().count());
    }

    @Test
    void showGivesDescriptionParametersAndCypher() {
        Cli r = Cli.run("query", "show", "ultimate-owners");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("ultimate-owners: The owners at the top"), r.out());
        assertTrue(r.out().contains("  -p entity (string, required, e.g. cainiao): Id of the owned entity"), r.out());
        assertTrue(r.out().contains("kg query run ultimate-owners -p entity=cainiao"), r.out());
        assertTrue(r.out().contains("MATCH (target:Entity {id: $entity})"), r.out());
        Cli unknown = Cli.run("query", "show", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("kg: unknown query `nope`"), unknown.err());
    }

    @Test
    void runPrintsPathsForPeople() {
        Cli r = kg("query", "run", "holdings", "-p", "entity=holdco", "--min-status", "confirmed");
        assertEquals(0, r.exitCode(), r.err());
        // Columns are padded to the widest cell; collapsing the padding shows the content.
        assertEquals(java.util.List.of(
                        "held | type | depth | path | share_min | share_max | held_share_min | held_share_max | direct",
                        "Midco Investments | Company | 1 | Ruritania Holdings -[OWNS]-> Midco Investments | 0.8 | 0.8 | 0.8 | 0.8 | true",
                        "Target Co | Company | 2 | Ruritania Holdings -[OWNS]-> Midco Investments -[OWNS]-> Target Co | 0.4 | 0.4 | 0.4 | 0.4 | false"),
                r.out().lines().filter(l -> !l.startsWith("---")).limit(3).map(l -> l.replaceAll(" {2,}", " | ")).toList());
        assertTrue(r.out().lines().toList().get(1).matches("-+(  -+)+"), r.out());
        assertTrue(r.out().contains("Ruritania Holdings -[OWNS]-> Midco Investments -[OWNS]-> Target Co <-[SUBSIDIARY_OF]- Opco Logistics -[OPERATES]-> Freeport hub"),
                r.out());
        assertTrue(r.err().startsWith("(4 rows, "), r.err());
    }

    @Test
    void jsonIsOneStableDocumentWithKgIds() {
        Cli r = kg("query", "run", "officials", "-p", "body=mss", "--as-of", "2019", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("{\"columns\":[\"person\",\"role\",\"body\",\"since\",\"until\",\"status\",\"sources\"],\"rows\":[{"
                + "\"person\":{\"id\":\"petrov\",\"type\":\"Person\",\"name\":\"Ivan Petrov\",\"properties\":{}},"
                + "\"role\":\"Minister\","
                + "\"body\":{\"id\":\"mss\",\"type\":\"Agency\",\"name\":\"Ministry of State Security\",\"properties\":{\"aliases\":[\"MSS\"],\"kind\":\"intelligence\"}},"
                + "\"since\":\"2016\",\"until\":\"2020-06\",\"status\":\"confirmed\",\"sources\":[\"press-1\"]}]}\n",
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonPathsCarryNodesAndRelationshipsWithTheirEnds() {
        Cli r = kg("query", "run", "sources-of", "-p", "path=opco,hub", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"fact\":{\"nodes\":[{\"id\":\"opco\",\"type\":\"Company\",\"name\":\"Opco Logistics\","
                + "\"properties\":{}},{\"id\":\"hub\",\"type\":\"Site\",\"name\":\"Freeport hub\",\"properties\":{\"kind\":\"hub\"}}],"
                + "\"relationships\":[{\"type\":\"OPERATES\",\"key\":\"OPERATES:opco->hub\",\"from\":\"opco\",\"to\":\"hub\","
                + "\"properties\":{\"quotes\":[\"Opco runs the Freeport hub\"],\"sources\":[\"press-1\"],\"status\":\"confirmed\"}}]}"),
                r.out());
        assertTrue(!r.out().contains("elementId") && !r.out().contains("_hash"), r.out());
    }

    @Test
    void csvFollowsRfc4180() {
        Cli r = kg("query", "run", "claims", "-p", "entity=target", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("kind,claim,text,status,by,sources,quotes\r\n"
                + "denied,rumour-co -[OWNS]-> target,,denied,\"[\"\"target\"\"]\",\"[\"\"press-2\"\"]\","
                + "\"[\"\"Target Co denied that the investor holds any stake\"\"]\"\r\n", r.out());
    }

    @Test
    void limitCutsTheRows() {
        Cli r = kg("query", "run", "ownership-chain", "-p", "entity=target", "--limit", "2", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(r.out().lines().toList().get(1).startsWith("midco,midco -[OWNS]-> target,0.5,"), r.out());
        Cli adHoc = kg("cypher", "MATCH (n:Entity) RETURN n.id AS id ORDER BY id", "--limit", "3");
        assertEquals(5, adHoc.out().lines().count(), adHoc.out());
        assertTrue(adHoc.err().startsWith("(3 rows; more were left out by --limit"), adHoc.err());
    }

    @Test
    void aBadParameterIsRefusedWithTheParametersTheQueryTakes() {
        Cli r = kg("query", "run", "ultimate-owners", "-p", "entity=target", "-p", "min_share=half");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("kg: parameter min_share of query ultimate-owners (number): expected a number, got `half`\n"
                + "query ultimate-owners takes:\n"
                + "  -p entity (string, required, e.g. cainiao): Id of the owned entity\n"
                + "  -p min_share (number 0..1, default 0, e.g. 0.25): Keep owners whose share_max is at least this\n",
                r.err());
        Cli missing = kg("query", "run", "holdings");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("kg: query holdings needs parameter entity (e.g. -p entity=alibaba-group)\n"),
                missing.err());
        Cli unknown = kg("query", "run", "nothing-like-it");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("kg: unknown query `nothing-like-it`; saved queries: "), unknown.err());
    }

    @Test
    void aWritingStatementIsRefusedAndChangesNothing() {
        for (String write : new String[] {"CREATE (n:Entity {id: 'intruder'}) RETURN n",
                "MATCH (n:Entity {id: 'holdco'}) SET n.name = 'x'", "MATCH (n) DETACH DELETE n"}) {
            Cli r = kg("cypher", write);
            assertEquals(1, r.exitCode(), write);
            assertEquals("kg: refused: the statement would change the graph; saved queries and `kg cypher` run read-only"
                    + " (use `kg load` to change the graph)\n", r.err());
        }
        Cli count = kg("cypher", "MATCH (n:Entity) RETURN count(n) AS n, "
                + "COUNT { MATCH (h:Entity {name: 'Ruritania Holdings'}) } AS holdco", "--format", "csv");
        assertEquals("n,holdco\r\n19,1\r\n", count.out());
    }

    @Test
    void aQueryPastItsTimeoutIsStoppedAndSaysSo() {
        long start = System.nanoTime();
        Cli r = kg("cypher", "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n",
                "--timeout", "0.5");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("kg: query stopped: it ran longer than the timeout of 0.5 s\n", r.err());
        assertTrue(seconds < 30, "stopped after " + seconds + " s");
    }

    @Test
    void adHocCypherBindsTypedParametersAndTheValidityRule() {
        Cli r = kg("cypher", "MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Entity {id: $body}) WHERE /*kg:valid(r)*/true "
                + "AND r.since >= $from RETURN p.name AS name ORDER BY name", "-p", "body=mss", "-p", "from:date=2016",
                "--as-of", "2021", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("name\r\nOlga Ilyina\r\n", r.out());
        Cli syntax = kg("cypher", "MATCH (n RETURN n");
        assertEquals(1, syntax.exitCode());
        assertTrue(syntax.err().startsWith("kg: Cypher error: "), syntax.err());
    }

    @Test
    void anotherFolderOfQueriesCanBeUsed(@TempDir Path queries) throws java.io.IOException {
        java.nio.file.Files.writeString(queries.resolve("count-type.cypher"), """
                // name: count-type
                // description: How many entities of one type.
                // parameters:
                //   type: {type: string, required: true, example: Company}
                MATCH (n:Entity {type: $type}) RETURN count(n) AS n
                """);
        Cli list = Cli.run("query", "list", "--queries", queries.toString());
        assertEquals("count-type  How many entities of one type.\n", list.out());
        Cli r = kg("query", "run", "count-type", "-p", "type=Company", "--queries", queries.toString(), "--format", "csv");
        assertEquals("n\r\n9\r\n", r.out(), r.err());
        // A saved query that would write is refused like an ad-hoc one.
        java.nio.file.Files.writeString(queries.resolve("wipe.cypher"),
                "// name: wipe\n// description: Tries to delete everything.\nMATCH (n) DETACH DELETE n RETURN count(*) AS n\n");
        Cli wipe = kg("query", "run", "wipe", "--queries", queries.toString());
        assertEquals(1, wipe.exitCode());
        assertTrue(wipe.err().startsWith("kg: refused: the statement would change the graph"), wipe.err());
        assertEquals("n\r\n9\r\n", kg("query", "run", "count-type", "-p", "type=Company", "--queries", queries.toString(),
                "--format", "csv").out());
        Cli missing = Cli.run("query", "list", "--queries", queries.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such queries folder"), missing.err());
    }
}
