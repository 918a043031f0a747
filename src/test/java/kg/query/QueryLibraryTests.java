package kg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kg.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLibraryTests {

    private static final QueryLibrary LIBRARY = QueryFixtures.LIBRARY;

    private static UserError refused(String query, Map<String, String> params, QueryOptions options) {
        return assertThrows(UserError.class, () -> LIBRARY.prepare(QueryFixtures.SCHEMA, query, params, options));
    }

    @Test
    void theBuiltInLibraryHoldsEveryQueryTheIssueAsksFor() {
        List<String> names = LIBRARY.all().stream().map(SavedQuery::name).toList();
        for (String name : List.of("ownership-chain", "ultimate-owners", "holdings", "influence-paths", "shortest-path",
                "officials", "bound-by-law", "claims", "sources-of", "neighbourhood", "find", "timeline", "thin-sourcing")) {
            assertTrue(names.contains(name), name + " missing from " + names);
        }
        for (SavedQuery q : LIBRARY.all()) {
            assertFalse(q.description().isBlank(), q.name());
            q.parameters().forEach(p -> assertFalse(p.example().isBlank(), q.name() + " " + p.name()));
        }
    }

    @Test
    void everyQueryThatReturnsPathsTakesAsOfAndMinStatus() {
        for (String name : List.of("ownership-chain", "ultimate-owners", "holdings", "influence-paths", "shortest-path",
                "officials", "bound-by-law", "claims", "sources-of", "neighbourhood", "timeline", "thin-sourcing")) {
            assertTrue(LIBRARY.find(name).orElseThrow().filtered(), name);
        }
    }

    @Test
    void anUnknownQueryIsNamedWithTheKnownOnes() {
        UserError e = refused("ownership-chains", Map.of(), QueryOptions.NONE);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("unknown query `ownership-chains`; saved queries: bound-by-law, claims,"),
                e.getMessage());
    }

    @Test
    void aMissingParameterIsReportedWithTheParametersTheQueryTakes() {
        UserError e = refused("ultimate-owners", Map.of(), QueryOptions.NONE);
        assertEquals("query ultimate-owners needs parameter entity (e.g. -p entity=cainiao)\n"
                + "query ultimate-owners takes:\n"
                + "  -p entity (string, required, e.g. cainiao): Id of the owned entity\n"
                + "  -p min_share (number 0..1, default 0, e.g. 0.25): Keep owners whose share_max is at least this",
                e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void anUnknownParameterIsReported() {
        UserError e = refused("holdings", Map.of("entity", "x", "entty", "y"), QueryOptions.NONE);
        assertTrue(e.getMessage().startsWith("query holdings has no parameter `entty`\nquery holdings takes:\n  -p entity"),
                e.getMessage());
    }

    @Test
    void anIllTypedOrOutOfRangeParameterIsReported() {
        UserError e = refused("ultimate-owners", Map.of("entity", "x", "min_share", "lots"), QueryOptions.NONE);
        assertTrue(e.getMessage().startsWith("parameter min_share of query ultimate-owners (number): expected a number,"
                + " got `lots`\nquery ultimate-owners takes:"), e.getMessage());
        e = refused("ultimate-owners", Map.of("entity", "x", "min_share", "1.5"), QueryOptions.NONE);
        assertTrue(e.getMessage().contains("must be at most 1, got 1.5"), e.getMessage());
        e = refused("neighbourhood", Map.of("entity", "x", "hops", "2.5"), QueryOptions.NONE);
        assertTrue(e.getMessage().contains("expected an integer, got `2.5`"), e.getMessage());
        e = refused("thin-sourcing", Map.of("unquoted", "maybe"), QueryOptions.NONE);
        assertTrue(e.getMessage().contains("expected true or false, got `maybe`"), e.getMessage());
    }

    @Test
    void oneOfTwoOptionalParametersMustBeGiven() {
        UserError e = refused("officials", Map.of(), QueryOptions.NONE);
        assertTrue(e.getMessage().startsWith("query officials needs at least one of: body, person\n"), e.getMessage());
    }

    @Test
    void optionsAreCheckedAndOnlyTakenByQueriesThatFilter() {
        assertTrue(refused("find", Map.of("text", "x"), new QueryOptions("2020", null, null, null)).getMessage()
                .contains("does not take --as-of or --min-status"));
        assertEquals("--as-of: impossible date `2020-02-30`: February 2020 has no day 30",
                refused("holdings", Map.of("entity", "x"), new QueryOptions("2020-02-30", null, null, null)).getMessage());
        assertEquals("--min-status: unknown status `rumoured`; statuses, strongest first: confirmed, reported, alleged, denied",
                refused("holdings", Map.of("entity", "x"), new QueryOptions(null, "rumoured", null, null)).getMessage());
    }

    @Test
    void preparingBindsTypedValuesExpandsTheValidityRuleAndAppendsTheLimit() {
        PreparedQuery p = LIBRARY.prepare(QueryFixtures.SCHEMA, "ultimate-owners",
                Map.of("entity", "cainiao", "min_share", "0.25"), new QueryOptions("2019-6", "reported", 5, null));
        assertEquals("cainiao", p.parameters().get("entity"));
        assertEquals(0.25, p.parameters().get("min_share"));
        assertEquals("2019-06", p.parameters().get("asOf"));
        assertEquals(List.of("confirmed", "reported"), p.parameters().get("statuses"));
        assertEquals(5L, p.parameters().get("limit"));
        assertFalse(p.cypher().contains("kg:valid"), p.cypher());
        assertTrue(p.cypher().contains(Validity.predicate("r")), p.cypher());
        assertTrue(p.cypher().endsWith("\nLIMIT $limit"), p.cypher());

        PreparedQuery plain = LIBRARY.prepare(QueryFixtures.SCHEMA, "ultimate-owners", Map.of("entity", "cainiao"), null);
        assertEquals(0.0, plain.parameters().get("min_share"));
        assertEquals(null, plain.parameters().get("asOf"));
        assertEquals(null, plain.parameters().get("statuses"));
        assertFalse(plain.cypher().contains("LIMIT $limit"));
    }

    @Test
    void valuesAreBoundNeverWrittenIntoTheStatement() {
        String hostile = "x'}) MATCH (n) DETACH DELETE n //";
        PreparedQuery a = LIBRARY.prepare(QueryFixtures.SCHEMA, "find", Map.of("text", "harmless"), null);
        PreparedQuery b = LIBRARY.prepare(QueryFixtures.SCHEMA, "find", Map.of("text", hostile), null);
        assertEquals(a.cypher(), b.cypher());
        assertEquals(hostile, b.parameters().get("text"));
    }

    @Test
    void theValidityPlaceholderIsPlainCypherTrueUntilExpanded() {
        String cypher = "MATCH (a)-[rel]->(b) WHERE /*kg:valid(rel)*/true RETURN a";
        assertTrue(Validity.usedIn(cypher));
        assertEquals("MATCH (a)-[rel]->(b) WHERE " + Validity.predicate("rel") + " RETURN a", Validity.expand(cypher));
        assertTrue(Validity.predicate("rel").contains("rel.until >= substring($asOf, 0, size(rel.until))"));
    }

    @Test
    void adHocParametersAreStringsUnlessTyped() {
        PreparedQuery p = QueryLibrary.prepareAdHoc(QueryFixtures.SCHEMA, "RETURN $a, $b, $c, $d",
                Map.of("a", "2018", "b:integer", "7", "c:number", "0.5", "d:list", "x,y"), null);
        assertEquals("2018", p.parameters().get("a"));
        assertEquals(7L, p.parameters().get("b"));
        assertEquals(0.5, p.parameters().get("c"));
        assertEquals(List.of("x", "y"), p.parameters().get("d"));
        UserError e = assertThrows(UserError.class, () -> QueryLibrary.prepareAdHoc(QueryFixtures.SCHEMA, "RETURN $a",
                Map.of("a:float", "1"), null));
        assertEquals("parameter a: unknown type `float`; types: string, integer, number, boolean, date, list", e.getMessage());
        e = assertThrows(UserError.class, () -> QueryLibrary.prepareAdHoc(QueryFixtures.SCHEMA, "RETURN 1",
                Map.of(), new QueryOptions("2020", null, null, null)));
        assertTrue(e.getMessage().contains("/*kg:valid(r)*/true"), e.getMessage());
    }

    // ---- query files ----

    @TempDir
    Path dir;

    private UserError badFile(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name + ".cypher"), text);
        return assertThrows(UserError.class, () -> QueryLibrary.read(dir));
    }

    @Test
    void aQueryFolderIsReadFromItsHeaders() throws IOException {
        Files.writeString(dir.resolve("by-name.cypher"), """
                // name: by-name
                // description: Entities with exactly this name.
                // parameters:
                //   name: {type: string, required: true, example: Cainiao}
                //   since: {type: date, default: 2018, example: 2019-05}
                MATCH (n:Entity {name: $name})-[r]-() WHERE /*kg:valid(r)*/true RETURN n;
                """);
        QueryLibrary library = QueryLibrary.read(dir);
        SavedQuery q = library.find("by-name").orElseThrow();
        assertEquals("Entities with exactly this name.", q.description());
        assertTrue(q.filtered());
        assertEquals(List.of("name", "since"), q.parameters().stream().map(QueryParameter::name).toList());
        PreparedQuery p = library.prepare(QueryFixtures.SCHEMA, "by-name", Map.of("name", "Cainiao"), null);
        assertEquals("2018", p.parameters().get("since"));
        assertFalse(p.cypher().endsWith(";"));
    }

    @Test
    void mistakesInAQueryFileAreReportedWithTheFile() throws IOException {
        assertTrue(badFile("a", "// name: a\nRETURN 1\n").getMessage().endsWith("a.cypher: header needs a one-line `description:`"));
    }

    @Test
    void theHeaderNameMustMatchTheFileName() throws IOException {
        assertTrue(badFile("b", "// name: c\n// description: d\nRETURN 1\n").getMessage()
                .endsWith("b.cypher: header name c differs from the file name b.cypher"));
    }

    @Test
    void aParameterNeedsAKnownTypeAndEitherRequiredOrADefault() throws IOException {
        assertTrue(badFile("c", "// name: c\n// description: d\n// parameters:\n//   x: {type: text, required: true, example: a}\nRETURN $x\n")
                .getMessage().contains("type must be one of string, integer, number, boolean, date, list"));
        Files.delete(dir.resolve("c.cypher"));
        assertTrue(badFile("c", "// name: c\n// description: d\n// parameters:\n//   x: {type: string, example: a}\nRETURN $x\n")
                .getMessage().contains("say either `required: true` or `default: VALUE`"));
    }

    @Test
    void aStatementMayNotCarryItsOwnFinalLimitOrAMisspeltPlaceholder() throws IOException {
        assertTrue(badFile("d", "// name: d\n// description: d\nMATCH (n) RETURN n LIMIT 5;\n").getMessage()
                .contains("must not end with its own LIMIT"));
        Files.delete(dir.resolve("d.cypher"));
        assertTrue(badFile("d", "// name: d\n// description: d\nMATCH ()-[r]->() WHERE /*kg:valid(r)*/ RETURN r\n").getMessage()
                .contains("malformed validity placeholder"));
    }

    @Test
    void parameterTypesConvertCommandLineText() {
        assertEquals(true, ParameterType.BOOLEAN.parse("yes"));
        assertEquals("2018-06-05", ParameterType.DATE.parse("2018-6-5"));
        assertEquals(List.of("a", "b"), ParameterType.LIST.parse("a, b"));
        assertThrows(IllegalArgumentException.class, () -> ParameterType.LIST.parse("a,,b"));
        assertThrows(IllegalArgumentException.class, () -> ParameterType.NUMBER.parse("NaN"));
        assertThrows(IllegalArgumentException.class, () -> ParameterType.DATE.parse("June"));
    }

    @Test
    void theOwnershipStepAndTheShareRuleReadTheSameInEveryQueryThatUsesThem() {
        // Cypher has no functions of its own: these lines are repeated, so this test keeps them identical.
        String shareMin = "s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min";
        String shareMax = "s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max";
        // The step for APOC's path expander, walked up from the owned entity or down from the owner.
        String upwards = "relationshipFilter: '<OWNS|<CONTROLS|<OPERATES|SUBSIDIARY_OF>'";
        String downwards = "OWNS>|CONTROLS>|OPERATES>|<SUBSIDIARY_OF'";
        Map<String, String> steps = Map.of("ownership-chain", upwards, "ultimate-owners", upwards,
                "holdings", "relationshipFilter: '" + downwards, "bound-by-law", "relationshipFilter: 'OBLIGES>|" + downwards);
        for (String name : List.of("ownership-chain", "ultimate-owners", "holdings", "bound-by-law")) {
            String text = LIBRARY.find(name).orElseThrow().text();
            assertTrue(text.contains(steps.get(name)), name);
            if (!name.equals("bound-by-law")) {
                assertTrue(text.contains(shareMin) && text.contains(shareMax), name);
            }
        }
    }

    @Test
    void noParametersAtAllIsTheSameAsAnEmptyMap() {
        assertEquals(LIBRARY.prepare(QueryFixtures.SCHEMA, "thin-sourcing", Map.of(), null),
                LIBRARY.prepare(QueryFixtures.SCHEMA, "thin-sourcing", null, null));
    }
}
