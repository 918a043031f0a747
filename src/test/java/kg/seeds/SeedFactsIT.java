package kg.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import kg.store.GraphStore;
import kg.testing.Cli;
import kg.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The curated seed facts: they validate with every quote found again in its source text, they load, and a
 * sample of facts from all five documents is in the graph between the right entities, with the status the
 * text gives, the right source and its figures.
 */
class SeedFactsIT {

    /** The five source texts; CI checks the repository out with ../shared beside it. */
    static final Path SOURCES = Path.of("..", "shared", "sources");
    static final Path SEEDS = Path.of("seeds");

    @TempDir
    static Path tmp;

    static GraphStore store;
    static Cli load;

    @BeforeAll
    static void loadSeeds() {
        Path storeDir = tmp.resolve("store");
        load = Cli.run("load", "--store", storeDir.toString(), "--page-cache", "32m",
                "--sources-dir", SOURCES.toString(), SEEDS.toString());
        assertEquals(0, load.exitCode(), load.err());
        store = TestStores.open(storeDir);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void seedsValidateWithEveryQuoteFoundInItsSource() {
        assertTrue(Files.isRegularFile(SOURCES.resolve("000_af6ea986891402d1.txt")),
                "source texts expected in " + SOURCES.toAbsolutePath());
        Cli validate = Cli.run("validate", "--sources-dir", SOURCES.toString(), SEEDS.toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertEquals("", validate.err());
        assertTrue(validate.out().contains(" 5 sources, "), validate.out());
    }

    @Test
    void loadReportsEveryFactCreated() {
        assertTrue(load.out().contains("sources:              5 created"), load.out());
    }

    /** A fact expected in the graph: TYPE from->to (or the explicit key), status, one source it cites, values. */
    record Expected(String type, String from, String to, String key, String status, String source,
                    Map<String, Object> values) {

        static Expected of(String type, String from, String to, String status, String source, Object... kv) {
            return keyed(type, from, to, null, status, source, kv);
        }

        static Expected keyed(String type, String from, String to, String key, String status, String source,
                              Object... kv) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                values.put((String) kv[i], kv[i + 1]);
            }
            return new Expected(type, from, to, key, status, source, values);
        }

        @Override
        public String toString() {
            return type + " " + from + "->" + to + (key == null ? "" : " [" + key + "]") + " " + status + " " + source;
        }
    }

    static Stream<Expected> factsFromAllFiveDocuments() {
        return Stream.of(
                // 000: the analysis with footnotes
                Expected.of("SUBSIDIARY_OF", "cainiao", "alibaba-group", "confirmed", "src-000"),
                Expected.of("OVERSEES", "ministry-of-justice", "vsse", "confirmed", "src-000", "kind", "authority"),
                Expected.of("OVERSEES", "ministry-of-defence", "giss", "confirmed", "src-000"),
                Expected.of("HOLDS_POSITION", "winants", "vsse", "confirmed", "src-000",
                        "role", "General Administrator", "since", "2006", "until", "2014"),
                Expected.of("HOLDS_POSITION", "van-quickenborne", "ministry-of-justice", "confirmed", "src-000",
                        "since", "2020"),
                Expected.keyed("TRADES_WITH", "belgium", "china", "belgium-china-trade-2022", "confirmed", "src-000",
                        "balance", -9.1e9, "currency", "EUR", "asserted_by", List.of("national-bank-of-belgium")),
                Expected.keyed("ASSERTS", "belgian-customs", "liege-airport", "customs-liege-parcels-2022",
                        "reported", "src-000", "quantity", 3.26e8, "unit", "parcels"),
                Expected.of("ACCESSES_DATA", "china", "ewtp", "alleged", "src-000", "asserted_by", List.of("holslag")),
                Expected.of("DENIES", "cainiao", "vsse", "denied", "src-000", "asserted_by", List.of("cainiao")),
                Expected.of("TRADES_WITH", "european-union", "china", "confirmed", "src-000", "balance", -2.614e11),
                // 001: Le Monde retold
                Expected.of("OBLIGES", "china-national-intelligence-law", "alibaba-group", "reported", "src-001",
                        "asserted_by", List.of("van-quickenborne")),
                Expected.of("CONTROLS", "cosco", "port-of-zeebrugge", "reported", "src-001",
                        "asserted_by", List.of("crucke")),
                Expected.of("SANCTIONS", "china", "cogolati", "reported", "src-001"),
                Expected.of("ASSERTS", "van-quickenborne", "china", "alleged", "src-001"),
                Expected.of("DENIES", "crucke", "belgian-federal-government", "denied", "src-001"),
                // 002: the news blog
                Expected.of("MONITORS", "vsse", "liege-hub", "confirmed", "src-002", "asserted_by", List.of("vsse")),
                Expected.of("DENIES", "alibaba-group", "vsse", "denied", "src-002",
                        "asserted_by", List.of("alibaba-group")),
                Expected.keyed("ASSERTS", "vsse", "alibaba-group", "vsse-espionage-suspicion", "alleged", "src-002"),
                Expected.of("SANCTIONS", "indonesia", "tiktok-shop", "confirmed", "src-002"),
                // 003: the commentary on the Financial Times report
                Expected.of("ACCESSES_DATA", "alibaba-cloud", "liege-hub", "confirmed", "src-003",
                        "mode", "storage", "asserted_by", List.of("cainiao")),
                Expected.of("INVESTS_IN", "alibaba-group", "belgium", "confirmed", "src-003",
                        "amount", 1.0e8, "currency", "EUR"),
                Expected.of("AGREEMENT_WITH", "alibaba-group", "belgium", "confirmed", "src-003", "since", "2018"),
                Expected.of("MONITORS", "vsse", "alibaba-group", "confirmed", "src-003"),
                // 004: the CCP membership leak
                Expected.keyed("EMPLOYS", "pfizer", "ccp", "pfizer-ccp-members", "reported", "src-004",
                        "count", 123, "count_combined_with", List.of("astrazeneca")),
                Expected.keyed("EMPLOYS", "astrazeneca", "ccp", "astrazeneca-ccp-members", "reported", "src-004",
                        "count", 123),
                Expected.keyed("EMPLOYS", "shanghai-foreign-agency-service-corporation", "ccp", "sfasc-ccp-members",
                        "reported", "src-004", "count", 249, "since", "2016"),
                Expected.keyed("EMPLOYS", "cosco", "ccp", "cosco-felixstowe-ccp-members", "reported", "src-004",
                        "count", 3),
                Expected.keyed("EMPLOYS", "hsbc", "ccp", "hsbc-ccp-members", "reported", "src-004",
                        "count_text", "hundreds"),
                Expected.of("EMPLOYS", "foreign-office", "ccp", "confirmed", "src-004",
                        "asserted_by", List.of("foreign-office")),
                Expected.of("LOCATED_IN", "ccp-membership-leak", "british-consulate-shanghai", "reported", "src-004"),
                Expected.of("ACCESSES_DATA", "ipac", "ccp-membership-leak", "reported", "src-004", "since", "2020-09"),
                Expected.of("HOLDS_POSITION", "xi-jinping", "ccp", "confirmed", "src-004", "role", "General Secretary"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factsFromAllFiveDocuments")
    void factIsInTheGraphWithItsStatusSourceAndValues(Expected e) {
        // Without an explicit key there must be exactly one relationship of the type between the two.
        List<Map<String, Object>> rows = store.read(tx -> tx.run(
                "MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) "
                        + "WHERE type(r) = $type AND ($key = '' OR r.key = $key) "
                        + "RETURN properties(r) AS props",
                Map.of("from", e.from(), "to", e.to(), "type", e.type(), "key", e.key() == null ? "" : e.key()))
                .list());
        assertEquals(1, rows.size(), "expected exactly one " + e);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) rows.get(0).get("props");
        assertEquals(e.status(), props.get("status"), e + ": status");
        List<?> sources = (List<?>) props.get("sources");
        List<?> quotes = (List<?>) props.get("quotes");
        int i = sources.indexOf(e.source());
        assertTrue(i >= 0, e + ": cites " + sources);
        assertFalse(quotes.get(i).toString().isBlank(), e + ": quotes its source");
        e.values().forEach((name, expected) -> {
            Object actual = props.get(name);
            if (expected instanceof Number n) {
                assertTrue(actual instanceof Number, e + ": " + name + " = " + actual);
                assertEquals(n.doubleValue(), ((Number) actual).doubleValue(), 1e-6, e + ": " + name);
            } else {
                assertEquals(expected, actual, e + ": " + name);
            }
        });
    }

    @Test
    void factsComeFromEveryOneOfTheFiveDocuments() {
        Map<String, Long> perSource = new TreeMap<>();
        store.read(tx -> tx.run("MATCH ()-[r]->() UNWIND r.sources AS s RETURN s AS source, count(DISTINCT r) AS n")
                .list()).forEach(row -> perSource.put((String) row.get("source"), ((Number) row.get("n")).longValue()));
        assertEquals(List.of("src-000", "src-001", "src-002", "src-003", "src-004"), List.copyOf(perSource.keySet()));
        perSource.forEach((s, n) -> assertTrue(n >= 10, s + " is cited by only " + n + " relationships"));
    }

    /** Every entity the issue names as a must-have, by id and node type. */
    static final Map<String, String> MUST_HAVE = mustHave();

    private static Map<String, String> mustHave() {
        Map<String, String> m = new TreeMap<>();
        for (String id : List.of("alibaba-group", "cainiao", "alibaba-cloud", "cosco", "rolls-royce", "boeing",
                "airbus", "thales", "hsbc", "standard-chartered", "jaguar-land-rover", "pfizer", "astrazeneca",
                "shanghai-foreign-agency-service-corporation")) {
            m.put(id, "Company");
        }
        for (String id : List.of("aliexpress", "ewtp", "ccp-membership-leak")) {
            m.put(id, "Platform");
        }
        for (String id : List.of("liege-hub", "liege-airport", "port-of-zeebrugge", "port-of-felixstowe",
                "british-consulate-shanghai")) {
            m.put(id, "Site");
        }
        for (String id : List.of("vsse", "giss", "ministry-of-justice", "ministry-of-defence")) {
            m.put(id, "Agency");
        }
        for (String id : List.of("van-quickenborne", "raes", "winants", "holslag", "cogolati", "crucke",
                "dombrovskis", "he-lifeng", "charles-michel", "king-philippe", "jack-ma", "de-croo")) {
            m.put(id, "Person");
        }
        for (String id : List.of("china-national-intelligence-law", "china-cybersecurity-law",
                "china-foreign-relations-law", "china-anti-espionage-law", "eu-investment-screening-regulation",
                "belgium-investment-screening-law", "gdpr")) {
            m.put(id, "Law");
        }
        m.put("ipac", "Organization");
        m.put("ccp", "Organization");
        m.put("belgium", "Country");
        m.put("china", "Country");
        return m;
    }

    @Test
    void everyMustHaveEntityIsPresentWithItsType() {
        Map<String, Object> found = new TreeMap<>();
        store.read(tx -> tx.run("MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, e.type AS type",
                Map.of("ids", List.copyOf(MUST_HAVE.keySet()))).list())
                .forEach(row -> found.put((String) row.get("id"), row.get("type")));
        assertEquals(MUST_HAVE, found);
    }

    @Test
    void everyRelationshipCarriesShortQuotes() {
        List<Map<String, Object>> bad = store.read(tx -> tx.run(
                "MATCH ()-[r]->() WHERE size(r.sources) = 0 "
                        + "OR any(q IN r.quotes WHERE trim(q) = '' OR size(q) > $max) "
                        + "RETURN r.key AS key",
                Map.of("max", 160)).list());
        assertEquals(List.of(), bad);
    }

    @Test
    void suspicionsAndDenialsSayWhoseTheyAre() {
        // A denial always names the denying party; a suspicion names its author, or says in a note who voiced it.
        List<Map<String, Object>> bad = store.read(tx -> tx.run(
                "MATCH ()-[r]->() WHERE (r.status = 'denied' AND size(coalesce(r.asserted_by, [])) = 0) "
                        + "OR (r.status = 'alleged' AND size(coalesce(r.asserted_by, [])) = 0 AND r.note IS NULL) "
                        + "RETURN r.key AS key").list());
        assertEquals(List.of(), bad);
        long denials = store.read(tx -> ((Number) tx.run(
                "MATCH (a)-[r:DENIES]->() WHERE r.status = 'denied' AND a.id IN r.asserted_by RETURN count(r) AS n")
                .single().get("n")).longValue());
        assertTrue(denials >= 4, "denials by the denying party: " + denials);
    }
}
