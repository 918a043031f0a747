package kg.query;

import static kg.query.QueryFixtures.rows;
import static kg.query.QueryFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kg.store.EmbeddedStore;
import kg.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key saved queries on the curated seed facts (seeds/): the Liège hub case, from the Chinese state's laws to
 * the hub Cainiao runs, the VSSE and its heads, the claims and denials. The seeds grow; these rows must stay.
 */
class SeedQueriesIT {

    @TempDir
    static Path dir;
    static EmbeddedStore store;

    @BeforeAll
    static void load() {
        store = TestStores.open(dir.resolve("store"));
        QueryFixtures.load(store, Path.of("seeds"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void alibabaGroupIsTheUltimateOwnerOfTheLiegeHubThroughCainiao() {
        assertEquals(List.of("alibaba-group"), rows(store, "ultimate-owners", Map.of("entity", "liege-hub"), "owner"));
        List<String> chain = rows(store, "ownership-chain", Map.of("entity", "liege-hub"), "owner", "path", "ultimate");
        assertTrue(chain.contains("alibaba-group | alibaba-group <-[SUBSIDIARY_OF]- cainiao -[OPERATES]-> liege-hub | true"),
                chain.toString());
        assertTrue(chain.contains("cainiao | cainiao -[OPERATES]-> liege-hub | false"), chain.toString());
    }

    @Test
    void alibabaGroupHoldsCainiaoAndTheHub() {
        List<String> held = rows(store, "holdings", Map.of("entity", "alibaba-group"), "held", "path");
        assertTrue(held.contains("cainiao | alibaba-group <-[SUBSIDIARY_OF]- cainiao"), held.toString());
        assertTrue(held.contains("liege-hub | alibaba-group <-[SUBSIDIARY_OF]- cainiao -[OPERATES]-> liege-hub"),
                held.toString());
    }

    @Test
    void chinasIntelligenceLawReachesTheLiegeHub() {
        List<String> bound = rows(store, "bound-by-law", Map.of("law", "china-national-intelligence-law"), "entity", "how");
        assertTrue(bound.contains("alibaba-group | directly"), bound.toString());
        assertTrue(bound.contains("cainiao | through ownership or control"), bound.toString());
        assertTrue(bound.contains("liege-hub | through ownership or control"), bound.toString());

        List<String> paths = rows(store, "influence-paths", Map.of("from", "china", "to", "liege-hub"), "hops", "path");
        assertTrue(paths.contains("4 | china -[ENACTED]-> china-national-intelligence-law -[OBLIGES]-> alibaba-group"
                + " <-[SUBSIDIARY_OF]- cainiao -[OPERATES]-> liege-hub"), paths.toString());
        List<Integer> hops = paths.stream().map(p -> Integer.parseInt(p.substring(0, p.indexOf(' ')))).toList();
        assertEquals(hops.stream().sorted().toList(), hops, "shortest first");
    }

    @Test
    void theVsseAndItsHeads() {
        List<String> heads = rows(store, "officials", Map.of("body", "vsse"), "person", "role");
        assertTrue(heads.contains("winants | General Administrator"), heads.toString());
        assertTrue(heads.contains("raes | General Administrator"), heads.toString());
        List<String> in2010 = rows(run(store, "officials", Map.of("body", "vsse"),
                new QueryOptions("2010", null, null, null)), "person");
        assertTrue(in2010.contains("winants"), in2010.toString());
        List<String> in2020 = rows(run(store, "officials", Map.of("body", "vsse"),
                new QueryOptions("2020", null, null, null)), "person");
        assertTrue(!in2020.contains("winants"), in2020.toString());
    }

    @Test
    void cainiaoDeniesWhatTheVsseAlleges() {
        List<String> claims = rows(store, "claims", Map.of("entity", "cainiao"), "kind", "claim", "by");
        assertTrue(claims.contains("denies | cainiao -[DENIES]-> vsse | [\"cainiao\"]"), claims.toString());
        assertTrue(claims.contains("asserts | vsse -[ASSERTS]-> cainiao | [\"vsse\"]"), claims.toString());
    }

    @Test
    void everyFactAlongTheChainHasItsSource() {
        List<String> sources = rows(store, "sources-of", Map.of("path", "alibaba-group,cainiao,liege-hub"), "fact", "source");
        assertTrue(sources.stream().anyMatch(s -> s.startsWith("cainiao -[SUBSIDIARY_OF]-> alibaba-group | src-")), sources.toString());
        assertTrue(sources.stream().anyMatch(s -> s.startsWith("cainiao -[OPERATES]-> liege-hub | src-")), sources.toString());
        assertTrue(sources.stream().noneMatch(s -> s.endsWith("| ")), "a cited source is missing: " + sources);
    }

    @Test
    void findAndNeighbourhoodAndShortestPath() {
        assertEquals("alibaba-group", rows(store, "find", Map.of("text", "alibab"), "entity").get(0));
        assertEquals("vsse", rows(store, "find", Map.of("text", "Belgian State Securty"), "entity").get(0));
        List<String> near = rows(store, "neighbourhood", Map.of("entity", "liege-hub", "hops", "1"), "hops", "fact");
        assertTrue(near.contains("1 | cainiao -[OPERATES]-> liege-hub"), near.toString());
        List<String> path = rows(store, "shortest-path", Map.of("from", "alibaba-group", "to", "vsse"), "hops");
        assertTrue(!path.isEmpty() && path.stream().allMatch("1"::equals), path.toString());
    }
}
