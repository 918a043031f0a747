package kg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.query.QueryResult;
import kg.query.QueryRunner;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.QueryTimedOut;

/**
 * Two formulations of one saved query on the same store, in the same run: latency of each (wall, p50 and p99)
 * and whether they give the same rows in the same order, over parameters drawn as the benchmark draws them.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=kg.bench.QueryCompare \
 *     -Dexec.args="STORE QUERY OLD_DIR NEW_DIR [RUNS [WARMUP [TIMEOUT_SECONDS [OLD_RUNS]]]]"</pre>
 *
 * QUERY is one the benchmark times (parameters drawn as it draws them), {@code influence-paths@reached}, or
 * ultimate-owners, holdings or bound-by-law (see {@link #UNBENCHED}).
 * OLD_DIR and NEW_DIR are folders of query files (e.g. the old files from git and {@code queries}). Each drawn
 * parameter set runs both, in alternating order (the old one only on the first OLD_RUNS sets, default all: a formulation that
 * times out can be sampled). A run that times out counts at the timeout and is not compared.
 */
public final class QueryCompare {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    private QueryCompare() {
    }

    public static void main(String[] args) {
        Path storeDir = Path.of(args[0]);
        String query = args[1];
        QueryLibrary oldLibrary = QueryLibrary.read(Path.of(args[2]));
        QueryLibrary newLibrary = QueryLibrary.read(Path.of(args[3]));
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        Duration timeout = Duration.ofSeconds(args.length > 6 ? Long.parseLong(args[6]) : 10);
        int oldRuns = args.length > 7 ? Integer.parseInt(args[7]) : runs;
        try (EmbeddedStore store = EmbeddedStore.open(storeDir, System.getProperty("pageCache", "2g"))) {
            Supplier<Map<String, String>> params;
            if (query.equals("influence-paths@reached")) { // pairs with a path, so that the rows compared are not all empty
                query = "influence-paths";
                params = reachedPairs(store, new SplittableRandom(7));
            } else if (UNBENCHED.containsKey(query)) {
                params = drawn(store, UNBENCHED.get(query), new SplittableRandom(7));
            } else {
                params = Bench.queryCases(store, new SplittableRandom(7)).get(query);
            }
            if (params == null) {
                throw new IllegalArgumentException("no parameters drawn for " + query + "; queries: influence-paths@reached, "
                        + String.join(", ", UNBENCHED.keySet()) + ", " + String.join(", ", Bench.queryCases(store,
                        new SplittableRandom(7)).keySet()));
            }
            List<Long> oldMicros = new ArrayList<>();
            List<Long> newMicros = new ArrayList<>();
            List<Long> oldCpu = new ArrayList<>();
            List<Long> newCpu = new ArrayList<>();
            List<String> slowest = new ArrayList<>();
            int same = 0;
            int different = 0;
            int timedOut = 0;
            long rows = 0;
            long empty = 0;
            for (int i = 0; i < warmUp + runs; i++) {
                Map<String, String> p = params.get();
                boolean measured = i >= warmUp;
                // Whichever runs first reads the target's pages into the page cache: the order alternates.
                boolean withOld = i - warmUp < oldRuns || !measured;
                Timed old = withOld && i % 2 == 1 ? time(store, oldLibrary, query, p, timeout) : null;
                Timed fresh = time(store, newLibrary, query, p, timeout);
                if (withOld && i % 2 == 0) {
                    old = time(store, oldLibrary, query, p, timeout);
                }
                if (!measured) {
                    continue;
                }
                newMicros.add(fresh.micros);
                newCpu.add(fresh.cpuMicros);
                slowest.add(String.format(Locale.ROOT, "%012d new %.1f ms (CPU %.1f), old %s ms, %s rows: %s", fresh.cpuMicros,
                        fresh.micros / 1000.0, fresh.cpuMicros / 1000.0,
                        old == null ? "-" : String.format(Locale.ROOT, "%.1f (CPU %.1f)", old.micros / 1000.0, old.cpuMicros / 1000.0),
                        fresh.result == null ? "-" : fresh.result.rows().size(), p));
                if (fresh.result != null) {
                    rows += fresh.result.rows().size();
                    empty += fresh.result.rows().isEmpty() ? 1 : 0;
                }
                if (old == null) {
                    continue;
                }
                oldMicros.add(old.micros);
                oldCpu.add(old.cpuMicros);
                if (old.result == null || fresh.result == null) {
                    timedOut++;
                    System.out.printf(Locale.ROOT, "timed out: %s (old %s, new %s)%n", p, old.result == null ? "yes" : "no",
                            fresh.result == null ? "yes" : "no");
                } else if (old.result.columns().equals(fresh.result.columns())
                        && old.result.rows().equals(fresh.result.rows())) {
                    same++;
                } else {
                    different++;
                    System.out.printf(Locale.ROOT, "DIFFERENT: %s: old %d rows, new %d rows%n", p, old.result.rows().size(),
                            fresh.result.rows().size());
                }
            }
            System.out.printf(Locale.ROOT, "load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "%s on %s: %d runs after %d warm-up (old: %d runs)%n", query, storeDir, newMicros.size(),
                    warmUp, oldMicros.size());
            System.out.printf(Locale.ROOT, "  new: wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU p50 %.2f ms, p99 %.2f ms;"
                    + " %.1f rows/run, %d with none%n", Bench.percentile(newMicros, 50), Bench.percentile(newMicros, 99),
                    Bench.percentile(newMicros, 100), Bench.percentile(newCpu, 50), Bench.percentile(newCpu, 99),
                    (double) rows / newMicros.size(), empty);
            if (!oldMicros.isEmpty()) {
                System.out.printf(Locale.ROOT, "  old: wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU p50 %.2f ms, p99 %.2f ms%n",
                        Bench.percentile(oldMicros, 50), Bench.percentile(oldMicros, 99), Bench.percentile(oldMicros, 100),
                        Bench.percentile(oldCpu, 50), Bench.percentile(oldCpu, 99));
            }
            slowest.sort(java.util.Comparator.reverseOrder());
            slowest.stream().limit(5).forEach(x -> System.out.println("  slowest: " + x.substring(13)));
            System.out.printf(Locale.ROOT, "  results: %d identical, %d different, %d not compared (timed out)%n", same,
                    different, timedOut);
        }
        System.exit(0);
    }

    /**
     * Saved queries the benchmark does not time, each with the ids its parameter is drawn from: ultimate-owners on
     * companies with a chain of 2+ companies above (as ownership-chain), holdings on owners with 2+ companies below,
     * bound-by-law on every law.
     */
    private static final Map<String, String[]> UNBENCHED = Map.of(
            "ultimate-owners", new String[] {"entity",
                "MATCH (c:Company)<-[:OWNS]-(:Company)<-[:OWNS]-(:Company) RETURN DISTINCT c.id AS id ORDER BY id"},
            "holdings", new String[] {"entity",
                "MATCH (h:Entity)-[:OWNS]->(:Company)-[:OWNS]->(:Company) RETURN DISTINCT h.id AS id ORDER BY id"},
            "bound-by-law", new String[] {"law", "MATCH (l:Law) RETURN l.id AS id ORDER BY id"});

    private static Supplier<Map<String, String>> drawn(EmbeddedStore store, String[] parameterAndIds, SplittableRandom random) {
        List<String> ids = store.read(tx -> tx.run(parameterAndIds[1]).list().stream().map(r -> (String) r.get("id")).toList());
        System.out.printf(Locale.ROOT, "  %,d ids to draw %s from%n", ids.size(), parameterAndIds[0]);
        return () -> Map.of(parameterAndIds[0], ids.get(random.nextInt(ids.size())));
    }

    /**
     * (country, company) pairs where the country reaches the company: a law it enacted obliges the company or a
     * company owning it (up to 3 steps), an agency of it oversees one, or the country owns one.
     */
    private static Supplier<Map<String, String>> reachedPairs(EmbeddedStore store, SplittableRandom random) {
        List<String[]> pairs = store.read(tx -> tx.run("""
                CALL {
                  MATCH (c:Country)-[:ENACTED]->(:Law)-[:OBLIGES]->(x:Company) RETURN c, x
                  UNION
                  MATCH (c:Country)<-[:PART_OF]-(:Agency)-[:OVERSEES]->(x:Company) RETURN c, x
                  UNION
                  MATCH (c:Country)-[:OWNS]->(x:Company) RETURN c, x
                }
                MATCH (x)-[:OWNS*0..3]->(y:Company)
                RETURN DISTINCT c.id AS c, y.id AS y ORDER BY c, y""").list().stream()
                .map(r -> new String[] {(String) r.get("c"), (String) r.get("y")}).toList());
        System.out.printf(Locale.ROOT, "  %,d (country, company) pairs with a path%n", pairs.size());
        return () -> {
            String[] pair = pairs.get(random.nextInt(pairs.size()));
            return Map.of("from", pair[0], "to", pair[1], "paths", "5");
        };
    }

    private record Timed(long micros, long cpuMicros, QueryResult result) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static Timed time(EmbeddedStore store, QueryLibrary library, String query, Map<String, String> p,
            Duration timeout) {
        PreparedQuery q = library.prepare(SCHEMA, query, p, QueryOptions.NONE);
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        QueryResult result;
        try {
            result = QueryRunner.run(store, q, timeout, null);
        } catch (QueryTimedOut e) {
            result = null;
        }
        return new Timed((System.nanoTime() - start) / 1000, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000, result);
    }
}
