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
 * Every saved query on the invented fixture facts, whose answers are known: ownership with a range, a cycle,
 * an old and a denied stake; a state controlling a parent bound by a law; ministers in succession; claims.
 */
class SavedQueriesIT {

    @TempDir
    static Path dir;
    static EmbeddedStore store;

    @BeforeAll
    static void load() {
        store = TestStores.open(dir.resolve("store"));
        QueryFixtures.load(store, QueryFixtures.fixtures());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static QueryOptions asOf(String date) {
        return new QueryOptions(date, null, null, null);
    }

    private static QueryOptions minStatus(String status) {
        return new QueryOptions(null, status, null, null);
    }

    @Test
    void ownershipChainMultipliesSharesAlongPathsAndSumsPerOwner() {
        assertEquals(List.of(
                        "midco | midco -[OWNS]-> target | 0.5 | 0.5 | 0.5 | 0.5 | false",
                        "ruritania | ruritania -[CONTROLS]-> holdco -[OWNS]-> target | 0.0 | 0.1 | 0.0 | 0.5 | true",
                        "ruritania | ruritania -[CONTROLS]-> holdco -[OWNS]-> midco -[OWNS]-> target | 0.0 | 0.4 | 0.0 | 0.5 | true",
                        "holdco | holdco -[OWNS]-> target | 0.1 | 0.1 | 0.5 | 0.5 | false",
                        "holdco | holdco -[OWNS]-> midco -[OWNS]-> target | 0.4 | 0.4 | 0.5 | 0.5 | false",
                        "oldowner | oldowner -[OWNS]-> target | 0.3 | 0.3 | 0.3 | 0.3 | true",
                        "fund | fund -[OWNS]-> target | 0.2 | 0.3 | 0.2 | 0.3 | true",
                        "rumour-co | rumour-co -[OWNS]-> target | 0.2 | 0.2 | 0.2 | 0.2 | true",
                        "cyc-b | cyc-b -[OWNS]-> target | 0.1 | 0.1 | 0.1 | 0.1 | false",
                        "cyc-a | cyc-a -[OWNS]-> cyc-b -[OWNS]-> target | 0.05 | 0.05 | 0.05 | 0.05 | true"),
                rows(store, "ownership-chain", Map.of("entity", "target"),
                        "owner", "path", "share_min", "share_max", "owner_share_min", "owner_share_max", "ultimate"));
    }

    @Test
    void aCrossHoldingCycleDoesNotInflateTheShare() {
        // cyc-b -> cyc-a -> cyc-b -> target repeats cyc-b: it would add 0.4 * 0.5 * 0.1 = 0.02 to cyc-b's 0.1.
        List<String> cycB = rows(store, "ownership-chain", Map.of("entity", "target"), "owner", "owner_share_max")
                .stream().filter(r -> r.startsWith("cyc-b ")).distinct().toList();
        assertEquals(List.of("cyc-b | 0.1"), cycB);
    }

    @Test
    void ownershipChainKeepsOnlyRelationshipsValidOnTheDateAndStrongEnough() {
        List<String> owners = rows(run(store, "ownership-chain", Map.of("entity", "target"),
                new QueryOptions("2020", "reported", null, null)), "owner").stream().distinct().toList();
        // oldowner's stake ended in 2015 and rumour-co's is denied.
        assertEquals(List.of("midco", "ruritania", "holdco", "fund", "cyc-b", "cyc-a"), owners);
        List<String> in2012 = rows(run(store, "ownership-chain", Map.of("entity", "target"), asOf("2012")), "owner");
        assertTrue(in2012.contains("oldowner"), in2012.toString());
    }

    @Test
    void ultimateOwnersAreTheTopsOfTheChainsAboveTheThreshold() {
        assertEquals(List.of(
                        "ruritania | 0.0 | 0.5 | true | 2",
                        "oldowner | 0.3 | 0.3 | false | 1",
                        "fund | 0.2 | 0.3 | false | 1",
                        "rumour-co | 0.2 | 0.2 | false | 1",
                        "cyc-a | 0.05 | 0.05 | false | 1"),
                rows(store, "ultimate-owners", Map.of("entity", "target"), "owner", "share_min", "share_max", "control",
                        "paths"));
        assertEquals(List.of("ruritania | 0.5", "fund | 0.3"),
                rows(run(store, "ultimate-owners", Map.of("entity", "target", "min_share", "0.25"), asOf("2020")),
                        "owner", "share_max"));
    }

    @Test
    void holdingsFollowOwnershipControlOperationAndSubsidiariesDown() {
        assertEquals(List.of(
                        "midco | 1 | holdco -[OWNS]-> midco | 0.8 | 0.8 | true",
                        "target | 1 | holdco -[OWNS]-> target | 0.1 | 0.5 | true",
                        "target | 2 | holdco -[OWNS]-> midco -[OWNS]-> target | 0.4 | 0.5 | true",
                        "opco | 2 | holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco | 0.1 | 0.5 | false",
                        "opco | 3 | holdco -[OWNS]-> midco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco | 0.4 | 0.5 | false",
                        "hub | 3 | holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub | 0.1 | 0.5 | false",
                        "hub | 4 | holdco -[OWNS]-> midco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub | 0.4 | 0.5 | false"),
                rows(store, "holdings", Map.of("entity", "holdco"), "held", "depth", "path", "share_max", "held_share_max",
                        "direct"));
    }

    @Test
    void influencePathsRunFromTheStateThroughLawsControlAndOwnershipShortestFirst() {
        assertEquals(List.of(
                        "4 | ruritania -[CONTROLS]-> holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub"
                                + " | [\"reported\",\"reported\",\"confirmed\",\"confirmed\"]"
                                + " | [[\"press-1\"],[\"press-1\"],[\"reg-1\"],[\"press-1\"]]",
                        "5 | ruritania -[CONTROLS]-> holdco -[OWNS]-> midco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub"
                                + " | [\"reported\",\"confirmed\",\"confirmed\",\"confirmed\",\"confirmed\"]"
                                + " | [[\"press-1\"],[\"reg-1\"],[\"reg-1\"],[\"reg-1\"],[\"press-1\"]]",
                        "5 | ruritania -[ENACTED]-> intel-law -[OBLIGES]-> holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub"
                                + " | [\"confirmed\",\"reported\",\"reported\",\"confirmed\",\"confirmed\"]"
                                + " | [[\"press-1\"],[\"press-1\"],[\"press-1\"],[\"reg-1\"],[\"press-1\"]]",
                        "6 | ruritania -[ENACTED]-> intel-law -[OBLIGES]-> holdco -[OWNS]-> midco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub"
                                + " | [\"confirmed\",\"reported\",\"confirmed\",\"confirmed\",\"confirmed\",\"confirmed\"]"
                                + " | [[\"press-1\"],[\"press-1\"],[\"reg-1\"],[\"reg-1\"],[\"reg-1\"],[\"press-1\"]]"),
                rows(store, "influence-paths", Map.of("from", "ruritania", "to", "hub"), "hops", "path", "statuses",
                        "sources"));
        // A party reaches a company through a member who sits on the parent's board.
        assertEquals(List.of(
                        "3 | party <-[MEMBER_OF]- karl -[HOLDS_POSITION]-> holdco -[OWNS]-> target",
                        "4 | party <-[MEMBER_OF]- karl -[HOLDS_POSITION]-> holdco -[OWNS]-> midco -[OWNS]-> target"),
                rows(store, "influence-paths", Map.of("from", "party", "to", "target"), "hops", "path"));
        // The membership is only alleged: with --min-status reported the party has no path.
        assertEquals(List.of(), rows(run(store, "influence-paths", Map.of("from", "party", "to", "target"),
                minStatus("reported")), "path"));
        assertEquals(List.of("4"), rows(run(store, "influence-paths",
                Map.of("from", "ruritania", "to", "hub", "paths", "1"), QueryOptions.NONE), "hops"));
    }

    @Test
    void shortestPathCanAvoidHubs() {
        assertEquals(List.of("3 | fund -[OWNS]-> target <-[OWNS]- holdco -[DENIES]-> mss"),
                rows(store, "shortest-path", Map.of("from", "fund", "to", "mss"), "hops", "path"));
        // holdco has 8 relationships, target 7: with max_degree 7 holdco is a hub it is a hub, and the path goes round it via the hub site.
        assertEquals(List.of("4 | fund -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub <-[ACCESSES_DATA]- mss"),
                rows(store, "shortest-path", Map.of("from", "fund", "to", "mss", "max_degree", "7"), "hops", "path"));
    }

    @Test
    void officialsAsOfADate() {
        assertEquals(List.of("petrov | Minister | 2016 | 2020-06", "olga | Minister | 2020-07 | "),
                rows(store, "officials", Map.of("body", "mss"), "person", "role", "since", "until"));
        assertEquals(List.of("petrov"), rows(run(store, "officials", Map.of("body", "mss"), asOf("2020-06")), "person"));
        assertEquals(List.of("olga"), rows(run(store, "officials", Map.of("body", "mss"), asOf("2020-07-01")), "person"));
        assertEquals(List.of("mss | Minister"), rows(store, "officials", Map.of("person", "olga", "role", "MINIST"),
                "body", "role"));
    }

    @Test
    void boundByLawReachesThroughOwnershipOfTheObligedParent() {
        assertEquals(List.of(
                        "holdco | directly | support state intelligence work | intel-law -[OBLIGES]-> holdco",
                        "midco | through ownership or control | support state intelligence work | intel-law -[OBLIGES]-> holdco -[OWNS]-> midco",
                        "target | through ownership or control | support state intelligence work | intel-law -[OBLIGES]-> holdco -[OWNS]-> target",
                        "opco | through ownership or control | support state intelligence work | intel-law -[OBLIGES]-> holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco",
                        "hub | through ownership or control | support state intelligence work | intel-law -[OBLIGES]-> holdco -[OWNS]-> target <-[SUBSIDIARY_OF]- opco -[OPERATES]-> hub"),
                rows(store, "bound-by-law", Map.of("law", "intel-law"), "entity", "how", "obligation", "path"));
    }

    @Test
    void claimsSayWhoAssertedAndWhoDenied() {
        assertEquals(List.of(
                        "asserts | fsa -[ASSERTS]-> holdco | passes data to the ministry | [\"fsa\"] | [\"press-1\"]",
                        "denies | holdco -[DENIES]-> mss | any data sharing with the ministry | [\"holdco\"] | [\"press-2\"]"),
                rows(store, "claims", Map.of("entity", "holdco"), "kind", "claim", "text", "by", "sources"));
        assertEquals(List.of("denied | rumour-co -[OWNS]-> target | [\"target\"] | [\"Target Co denied that the investor holds any stake\"]"),
                rows(store, "claims", Map.of("entity", "target"), "kind", "claim", "by", "quotes"));
        // The asserting agency sees the allegations it made about others.
        assertEquals(List.of(
                        "alleged | karl -[MEMBER_OF]-> party",
                        "alleged | mss -[ACCESSES_DATA]-> hub",
                        "asserts | fsa -[ASSERTS]-> holdco"),
                rows(store, "claims", Map.of("entity", "fsa"), "kind", "claim"));
    }

    @Test
    void sourcesOfAnEntityOrAPath() {
        assertEquals(List.of(
                        "opco -[OPERATES]-> hub | press-1 | The Freedonian Courier | Opco runs the Freeport hub",
                        "opco -[SUBSIDIARY_OF]-> target | reg-1 | Ruritanian Companies Registry | "),
                rows(store, "sources-of", Map.of("entity", "opco"), "fact", "source", "publisher", "quote"));
        assertEquals(List.of(
                        "ruritania -[CONTROLS]-> holdco | press-1",
                        "holdco -[OWNS]-> target | press-1"),
                rows(store, "sources-of", Map.of("path", "ruritania,holdco,target"), "fact", "source"));
    }

    @Test
    void neighbourhoodWithinNHops() {
        assertEquals(List.of(
                        "1 | hub -[LOCATED_IN]-> freedonia",
                        "1 | mss -[ACCESSES_DATA]-> hub",
                        "1 | opco -[OPERATES]-> hub"),
                rows(store, "neighbourhood", Map.of("entity", "hub", "hops", "1"), "hops", "fact"));
        assertEquals(List.of(
                        "1 | hub -[LOCATED_IN]-> freedonia",
                        "1 | mss -[ACCESSES_DATA]-> hub",
                        "1 | opco -[OPERATES]-> hub",
                        "2 | petrov -[HOLDS_POSITION]-> mss",
                        "2 | mss -[PART_OF]-> ruritania",
                        "2 | olga -[HOLDS_POSITION]-> mss",
                        "2 | opco -[SUBSIDIARY_OF]-> target",
                        "2 | holdco -[DENIES]-> mss"),
                rows(store, "neighbourhood", Map.of("entity", "hub"), "hops", "fact"));
        // Alleged facts left out: the ministry is no longer a neighbour, nor are its ministers.
        assertEquals(List.of(
                        "1 | hub -[LOCATED_IN]-> freedonia",
                        "1 | opco -[OPERATES]-> hub",
                        "2 | opco -[SUBSIDIARY_OF]-> target"),
                rows(run(store, "neighbourhood", Map.of("entity", "hub"), minStatus("reported")), "hops", "fact"));
    }

    @Test
    void findToleratesMisspellingsSearchesAliasesAndEscapesQuerySyntax() {
        assertEquals(List.of("holdco"), rows(store, "find", Map.of("text", "ruritnia holdngs"), "entity"));
        assertEquals(List.of("holdco"), rows(store, "find", Map.of("text", "RH (Group)"), "entity"));
        assertEquals(List.of("mss"), rows(store, "find", Map.of("text", "MSS"), "entity"));
        assertEquals(List.of("holdco"), rows(store, "find", Map.of("text", "Ruritanian Holdings (Ltd.)"), "entity"));
        // Lucene syntax in the text is searched as words, never run: no error, no match-all.
        assertEquals(List.of(), rows(store, "find", Map.of("text", "*:* OR ~ \"[x TO z]\" AND"), "entity"));
        assertEquals(List.of("ruritania"), rows(store, "find", Map.of("text", "ruritania", "type", "Country"), "entity"));
    }

    @Test
    void timelineAndThinSourcing() {
        assertEquals(List.of("2016 | petrov -[HOLDS_POSITION]-> mss", "2020-07 | olga -[HOLDS_POSITION]-> mss"),
                rows(store, "timeline", Map.of("entity", "mss"), "date", "fact"));
        assertEquals(List.of("opco -[OPERATES]-> hub | 1 | true", "opco -[SUBSIDIARY_OF]-> target | 1 | false"),
                rows(store, "thin-sourcing", Map.of("entity", "opco"), "fact", "sources", "quoted"));
        assertEquals(List.of(), rows(store, "thin-sourcing", Map.of("min_sources", "1", "unquoted", "false"), "fact"));
    }

    @Test
    void limitCutsTheRows() {
        QueryResult all = run(store, "ownership-chain", Map.of("entity", "target"), QueryOptions.NONE);
        QueryResult three = run(store, "ownership-chain", Map.of("entity", "target"), new QueryOptions(null, null, 3, null));
        assertEquals(10, all.rows().size());
        assertEquals(rows(all, "path").subList(0, 3), rows(three, "path"));
    }

    @Test
    void everySavedQueryRunsWithItsExampleParametersOnTheFixtures() {
        for (SavedQuery q : QueryFixtures.LIBRARY.all()) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            q.parameters().stream().filter(QueryParameter::required).forEach(p -> params.put(p.name(), p.example()));
            if (params.isEmpty() && !q.oneOf().isEmpty()) {
                params.put(q.oneOf().get(0), q.parameter(q.oneOf().get(0)).orElseThrow().example());
            }
            QueryResult r = run(store, q.name(), params, q.filtered() ? asOf("2020") : QueryOptions.NONE);
            assertTrue(r.columns().size() > 0, q.name());
        }
    }
}
