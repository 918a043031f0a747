package kg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kg.store.EmbeddedStore;
import kg.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved path queries written for speed (APOC's path expander, simple paths only) give exactly the rows of
 * their plain definitions: every quantified path in the direction of each step, filtered to simple paths afterwards.
 * Checked for every entity (and pair of entities, law, min_share) of a graph dense in cycles, parallel steps, a stake
 * that ended in the middle of a chain and weak claims, with and without --as-of and --min-status, and on the seeds.
 * What the plain formulations left to chance (the order of tied rows, the last bit of a sum) is made definite the
 * same way in both, since the two find their paths in different orders.
 */
class QueryFormulationsIT {

    /** The definition of ownership-chain's paths: every trail up to the target, then only the simple ones. */
    static final String OWNERSHIP_PATHS = """
            MATCH (target:Entity {id: $entity})
            MATCH p = (owner:Entity)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
                        WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
                          AND /*kg:valid(r)*/true){1,8}(target)
            WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
            """;

    /**
     * ultimate-owners as written before APOC (ownership-chain's definition of the paths), with two things it left to
     * chance made definite, as in the saved query: totals add the smallest shares first, and the owner's id breaks
     * the last ties of the order.
     */
    static final String ULTIMATE_OWNERS = OWNERSHIP_PATHS + """
            WITH owner, p,
                 reduce(s = 1.0, r IN relationships(p) |
                        s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
                 reduce(s = 1.0, r IN relationships(p) |
                        s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
            WITH collect({owner: owner, path: p, min: path_min, max: path_max}) AS found
            WITH found, reduce(below = [], x IN found | below + tail(nodes(x.path))) AS below
            UNWIND found AS x
            WITH x WHERE NOT x.owner IN below
            WITH x.owner AS owner,
                 apoc.coll.sort(collect(x.min)) AS mins,
                 apoc.coll.sort(collect(x.max)) AS maxes,
                 count(*) AS paths,
                 any(c IN collect(any(r IN relationships(x.path) WHERE type(r) IN ['CONTROLS', 'OPERATES'])) WHERE c) AS control
            WITH owner, paths, control, reduce(s = 0.0, v IN mins | s + v) AS total_min,
                 reduce(s = 0.0, v IN maxes | s + v) AS total_max
            WITH owner, paths, control,
                 round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS share_min,
                 round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS share_max
            WHERE share_max >= $min_share
            RETURN owner, owner.type AS type, share_min, share_max, control, paths
            ORDER BY share_max DESC, share_min DESC, owner.name, owner.id
            """;

    /**
     * holdings as written before APOC: every trail down from the holder, then only the simple ones (totals smallest
     * first and the steps' ids last in the order, as in the saved query).
     */
    static final String HOLDINGS = """
            MATCH (holder:Entity {id: $entity})
            MATCH p = (holder)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
                        WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
                          AND /*kg:valid(r)*/true){1,8}(held:Entity)
            WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
            WITH held, p,
                 reduce(s = 1.0, r IN relationships(p) |
                        s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_min, 0.0) ELSE 0.0 END) AS path_min,
                 reduce(s = 1.0, r IN relationships(p) |
                        s * CASE type(r) WHEN 'OWNS' THEN coalesce(r.share, r.share_max, 1.0) ELSE 1.0 END) AS path_max
            WITH held, collect({path: p, min: path_min, max: path_max}) AS paths
            WITH held, paths,
                 reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.min]) | s + v) AS total_min,
                 reduce(s = 0.0, v IN apoc.coll.sort([x IN paths | x.max]) | s + v) AS total_max,
                 reduce(d = 99, x IN paths | CASE WHEN length(x.path) < d THEN length(x.path) ELSE d END) AS nearest
            UNWIND paths AS x
            RETURN held,
                   held.type AS type,
                   length(x.path) AS depth,
                   x.path AS path,
                   round(x.min, 6) AS share_min,
                   round(x.max, 6) AS share_max,
                   round(CASE WHEN total_min > 1.0 THEN 1.0 ELSE total_min END, 6) AS held_share_min,
                   round(CASE WHEN total_max > 1.0 THEN 1.0 ELSE total_max END, 6) AS held_share_max,
                   nearest = 1 AS direct
            ORDER BY nearest, held.name, depth, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)],
                     [r IN relationships(path) | r.key]
            """;

    /**
     * bound-by-law as written before APOC: an obligation, then every trail down, then only the simple paths (the
     * steps' ids last in both orders, as in the saved query).
     */
    static final String BOUND_BY_LAW = """
            MATCH (law:Law {id: $law})-[o:OBLIGES]->(bound:Entity)
            WHERE /*kg:valid(o)*/true
            MATCH p = (law)-[o]->(bound)((a)-[r:OWNS|CONTROLS|OPERATES|SUBSIDIARY_OF]-(b)
                        WHERE CASE type(r) WHEN 'SUBSIDIARY_OF' THEN startNode(r) = b ELSE startNode(r) = a END
                          AND /*kg:valid(r)*/true){0,8}(entity:Entity)
            WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
            WITH entity, p ORDER BY length(p), [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)],
                                    [r IN relationships(p) | r.key]
            WITH entity, collect(p) AS paths
            WITH entity, paths, head(paths) AS shortest
            RETURN entity,
                   entity.type AS type,
                   CASE length(shortest) WHEN 1 THEN 'directly' ELSE 'through ownership or control' END AS how,
                   relationships(shortest)[0].obligation AS obligation,
                   shortest AS path,
                   size(paths) AS paths
            ORDER BY length(shortest), entity.name, [n IN nodes(path) | n.name], [r IN relationships(path) | type(r)],
                     [r IN relationships(path) | r.key]
            """;

    /** Values of ultimate-owners' min_share: none, and thresholds that cut between the shares of the test graphs. */
    static final List<String> MIN_SHARES = List.of("0", "0.1", "0.25", "0.5", "0.9");

    /** The definition of influence-paths: every simple path of at most 8 steps, each in its influence direction. */
    static final String INFLUENCE = """
            MATCH (actor:Entity {id: $from}), (target:Entity {id: $to})
            MATCH p = (actor)((a)-[r:ENACTED|OBLIGES|OVERSEES|OWNS|CONTROLS|OPERATES|EMPLOYS|SANCTIONS|HOLDS_POSITION|SUBSIDIARY_OF|PART_OF|MEMBER_OF|LOCATED_IN]-(b)
                        WHERE ((type(r) IN ['ENACTED', 'OBLIGES', 'OVERSEES', 'OWNS', 'CONTROLS', 'OPERATES', 'EMPLOYS',
                                            'SANCTIONS', 'HOLDS_POSITION'] AND startNode(r) = a)
                               OR (type(r) IN ['SUBSIDIARY_OF', 'PART_OF', 'MEMBER_OF', 'LOCATED_IN', 'HOLDS_POSITION']
                                   AND startNode(r) = b))
                          AND /*kg:valid(r)*/true){1,8}(target)
            WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
            WITH p ORDER BY length(p), [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)],
                            [r IN relationships(p) | r.key]
            WITH collect(p)[0..$paths] AS found
            UNWIND found AS p
            RETURN length(p) AS hops,
                   p AS path,
                   [r IN relationships(p) | r.status] AS statuses,
                   [r IN relationships(p) | r.sources] AS sources
            """;

    static final List<QueryOptions> OPTIONS = List.of(QueryOptions.NONE, new QueryOptions("2012", null, null, null),
            new QueryOptions("2016", null, null, null), new QueryOptions("2020", null, null, null),
            new QueryOptions(null, "reported", null, null), new QueryOptions("2020", "confirmed", null, null));

    @TempDir
    static Path dir;
    static EmbeddedStore store;
    static List<String> ids;
    static List<String> laws;

    @BeforeAll
    static void load() throws URISyntaxException {
        store = TestStores.open(dir.resolve("store"));
        QueryFixtures.load(store, QueryFixtures.fixtures(),
                Path.of(QueryFormulationsIT.class.getResource("/fixtures/query-equivalence").toURI()));
        ids = ids(store, "MATCH (e:Entity) RETURN e.id AS id ORDER BY id");
        laws = ids(store, "MATCH (l:Law) RETURN l.id AS id ORDER BY id");
    }

    private static List<String> ids(EmbeddedStore in, String cypher) {
        return in.read(tx -> tx.run(cypher).list().stream().map(r -> (String) r.get("id")).toList());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** ownership-chain as saved, with its path search replaced by the definition. */
    private static String ownershipReference() {
        String saved = QueryFixtures.LIBRARY.find("ownership-chain").orElseThrow().text();
        String rest = saved.substring(saved.indexOf("WITH owner, p,"));
        return OWNERSHIP_PATHS + rest;
    }

    private static QueryResult reference(String cypher, Map<String, String> params, QueryOptions options) {
        return reference(store, cypher, params, options);
    }

    private static QueryResult reference(EmbeddedStore in, String cypher, Map<String, String> params, QueryOptions options) {
        PreparedQuery q = QueryLibrary.prepareAdHoc(QueryFixtures.SCHEMA, cypher, params, options);
        return QueryRunner.run(in, q, null, null);
    }

    /** The same rows in the same order: first as readable text (for the message), then value by value. */
    private static void assertSame(QueryResult expected, QueryResult actual, String what) {
        String[] columns = expected.columns().toArray(String[]::new);
        assertEquals(QueryFixtures.rows(expected, columns), QueryFixtures.rows(actual, columns), what);
        assertEquals(expected.rows(), actual.rows(), what);
    }

    @Test
    void ownershipChainGivesTheRowsOfItsDefinitionForEveryEntity() {
        String reference = ownershipReference();
        int compared = 0;
        int withRows = 0;
        for (String id : ids) {
            for (QueryOptions options : OPTIONS) {
                QueryResult saved = QueryFixtures.run(store, "ownership-chain", Map.of("entity", id), options);
                assertSame(reference(reference, Map.of("entity", id), options), saved, id + " " + options);
                compared++;
                withRows += saved.rows().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(withRows > compared / 4, withRows + " of " + compared + " have rows");
    }

    /**
     * ultimate-owners against its definition for each entity, each of {@link #MIN_SHARES} and each of the options;
     * returns how many (entity, options) have rows, and how many of those lose rows to the largest threshold.
     */
    private static int[] compareUltimateOwners(EmbeddedStore in, List<String> entities, List<QueryOptions> options) {
        int withRows = 0;
        int cut = 0;
        for (String id : entities) {
            for (QueryOptions o : options) {
                List<Integer> sizes = new ArrayList<>();
                for (String minShare : MIN_SHARES) {
                    QueryResult saved = QueryFixtures.run(in, "ultimate-owners", Map.of("entity", id, "min_share", minShare), o);
                    assertSame(reference(in, ULTIMATE_OWNERS, Map.of("entity", id, "min_share:number", minShare), o), saved,
                            id + " min_share " + minShare + " " + o);
                    sizes.add(saved.rows().size());
                }
                withRows += sizes.get(0) > 0 ? 1 : 0;
                cut += sizes.get(sizes.size() - 1) < sizes.get(0) ? 1 : 0;
            }
        }
        return new int[] {withRows, cut};
    }

    /** holdings against its definition for each entity and each of the options; returns how many have rows. */
    private static int compareHoldings(EmbeddedStore in, List<String> entities, List<QueryOptions> options) {
        return compareEach(in, HOLDINGS, "holdings", "entity", entities, options, rows -> rows.isEmpty() ? 0 : 1);
    }

    /** bound-by-law against its definition for each law and each of the options; returns how many rows there were. */
    private static int compareBoundByLaw(EmbeddedStore in, List<String> lawIds, List<QueryOptions> options) {
        return compareEach(in, BOUND_BY_LAW, "bound-by-law", "law", lawIds, options, List::size);
    }

    /** A saved query against its definition for each id (as {@code parameter}) and option; sums {@code count} of the rows. */
    private static int compareEach(EmbeddedStore in, String definition, String saved, String parameter, List<String> ids,
                                   List<QueryOptions> options, java.util.function.ToIntFunction<List<?>> count) {
        int total = 0;
        for (String id : ids) {
            for (QueryOptions o : options) {
                QueryResult expected = reference(in, definition, Map.of(parameter, id), o);
                assertSame(expected, QueryFixtures.run(in, saved, Map.of(parameter, id), o), id + " " + o);
                total += count.applyAsInt(expected.rows());
            }
        }
        return total;
    }

    @Test
    void ultimateOwnersGiveTheRowsOfTheirDefinitionForEveryEntityAndThreshold() {
        int[] found = compareUltimateOwners(store, ids, OPTIONS);
        int compared = ids.size() * OPTIONS.size();
        assertTrue(found[0] > compared / 4, found[0] + " of " + compared + " have rows");
        assertTrue(found[1] > 10, found[1] + " lose rows to the largest min_share");
    }

    @Test
    void holdingsGiveTheRowsOfTheirDefinitionForEveryEntity() {
        int withRows = compareHoldings(store, ids, OPTIONS);
        int compared = ids.size() * OPTIONS.size();
        assertTrue(withRows > compared / 4, withRows + " of " + compared + " have rows");
    }

    @Test
    void boundByLawGivesTheRowsOfItsDefinitionForEveryLaw() {
        assertEquals(3, laws.size(), laws.toString());
        int rows = compareBoundByLaw(store, laws, OPTIONS);
        assertTrue(rows > 50, rows + " rows");
        // Two obligations on the same entity: the path shown is the one whose step id comes first.
        QueryResult twice = QueryFixtures.run(store, "bound-by-law", Map.of("law", "eq-law2"), QueryOptions.NONE);
        assertEquals(List.of("eq-g | directly | report | eq-law2 -[OBLIGES]-> eq-g | 2"),
                QueryFixtures.rows(twice, "entity", "how", "obligation", "path", "paths").stream()
                        .filter(row -> row.startsWith("eq-g ")).toList());
    }

    @Test
    void influencePathsGiveTheRowsOfTheirDefinitionForEveryPair() {
        int compared = 0;
        int withRows = 0;
        for (String from : ids) {
            for (String to : ids) {
                for (QueryOptions options : List.of(OPTIONS.get(0), OPTIONS.get(2), OPTIONS.get(4))) {
                    QueryResult all = reference(INFLUENCE, Map.of("from", from, "to", to, "paths:integer", "10"), options);
                    String what = from + " -> " + to + " " + options;
                    assertSame(all, QueryFixtures.run(store, "influence-paths", Map.of("from", from, "to", to, "paths", "10"),
                            options), what);
                    if (all.rows().size() > 2) { // the first two of the same order
                        QueryResult two = QueryFixtures.run(store, "influence-paths",
                                Map.of("from", from, "to", to, "paths", "2"), options);
                        assertEquals(all.rows().subList(0, 2), two.rows(), what + " paths 2");
                    }
                    compared++;
                    withRows += all.rows().isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(withRows > 100, withRows + " of " + compared + " have rows");
    }

    @Test
    void allGiveTheRowsOfTheirDefinitionsOnTheSeedGraph() {
        try (EmbeddedStore seeds = TestStores.open(dir.resolve("seeds"))) {
            QueryFixtures.load(seeds, Path.of("seeds"));
            List<String> all = ids(seeds, "MATCH (e:Entity) RETURN e.id AS id ORDER BY id");
            List<String> actors = ids(seeds, "MATCH (e:Country|Agency|Organization) RETURN e.id AS id ORDER BY id");
            List<QueryOptions> options = List.of(QueryOptions.NONE, OPTIONS.get(3));
            int[] owners = compareUltimateOwners(seeds, all, options);
            assertTrue(owners[0] > 10, owners[0] + " entities with owners");
            int holders = compareHoldings(seeds, all, options);
            assertTrue(holders > 10, holders + " entities with holdings");
            int bound = compareBoundByLaw(seeds, ids(seeds, "MATCH (l:Law) RETURN l.id AS id ORDER BY id"), options);
            assertTrue(bound > 10, bound + " entities bound by a law");
            String ownership = ownershipReference();
            int withRows = 0;
            for (String id : all) {
                for (QueryOptions o : options) {
                    assertSame(reference(seeds, ownership, Map.of("entity", id), o),
                            QueryFixtures.run(seeds, "ownership-chain", Map.of("entity", id), o), id + " " + o);
                }
            }
            for (String from : actors) {
                for (String to : all) {
                    QueryResult expected = reference(seeds, INFLUENCE, Map.of("from", from, "to", to, "paths:integer", "10"),
                            QueryOptions.NONE);
                    assertSame(expected, QueryFixtures.run(seeds, "influence-paths", Map.of("from", from, "to", to, "paths", "10"),
                            QueryOptions.NONE), from + " -> " + to);
                    withRows += expected.rows().isEmpty() ? 0 : 1;
                }
            }
            assertTrue(withRows > 50, withRows + " pairs with paths");
        }
    }
}
