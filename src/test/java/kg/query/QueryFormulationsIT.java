package kg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
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
 * The saved path queries written for speed (APOC's path expander, simple paths only) give exactly the rows of
 * their plain definitions: every quantified path in the direction of each step, filtered to simple paths afterwards.
 * Checked for every entity of a graph dense in cycles, parallel steps, a stake that ended in the middle of a chain
 * and weak claims, with and without --as-of and --min-status.
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

    static final List<QueryOptions> OPTIONS = List.of(QueryOptions.NONE, new QueryOptions("2012", null, null, null),
            new QueryOptions("2016", null, null, null), new QueryOptions("2020", null, null, null),
            new QueryOptions(null, "reported", null, null), new QueryOptions("2020", "confirmed", null, null));

    @TempDir
    static Path dir;
    static EmbeddedStore store;
    static List<String> ids;

    @BeforeAll
    static void load() throws URISyntaxException {
        store = TestStores.open(dir.resolve("store"));
        QueryFixtures.load(store, QueryFixtures.fixtures(),
                Path.of(QueryFormulationsIT.class.getResource("/fixtures/query-equivalence").toURI()));
        ids = store.read(tx -> tx.run("MATCH (e:Entity) RETURN e.id AS id ORDER BY id").list().stream()
                .map(r -> (String) r.get("id")).toList());
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
        PreparedQuery q = QueryLibrary.prepareAdHoc(QueryFixtures.SCHEMA, cypher, params, options);
        return QueryRunner.run(store, q, null, null);
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
}
