package kg.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;

/**
 * Prints the profiled plan of a saved query on a store, for tuning the queries the benchmark measures:
 *
 * <pre>mvn -B -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=kg.bench.Explain \
 *     -Dexec.args="target/bench/store-kg-100000 ownership-chain entity=co-123"</pre>
 *
 * Runs the query a few times first (so the plan is cached and the page cache warm), then once with PROFILE.
 */
public final class Explain {

    private Explain() {
    }

    /** {@code STORE export [N]}: the whole-graph export N times into a file, timed (to profile kg.export). */
    private static void exportRepeatedly(Path store, int times) {
        try (EmbeddedStore s = EmbeddedStore.open(store, "1g")) {
            for (int i = 0; i < times; i++) {
                long start = System.nanoTime();
                java.nio.file.Path file = java.nio.file.Path.of("target/explain-export.graphml");
                try (java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                        java.nio.file.Files.newOutputStream(file), java.nio.charset.StandardCharsets.UTF_8), 1 << 16)) {
                    var counts = new kg.export.GraphmlExport(s).write(new kg.export.Selection.WholeGraph(), w, false);
                    System.out.printf("export %d: %d nodes, %d edges, %.1f ms%n", i, counts.nodes(), counts.edges(),
                            (System.nanoTime() - start) / 1e6);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        System.exit(0);
    }

    private static void slowest(Path store, String query, String param, String idsCypher) {
        QueryLibrary library = QueryLibrary.builtIn();
        try (EmbeddedStore s = EmbeddedStore.open(store, "1g")) {
            java.util.List<String> ids = s.read(tx -> tx.run(idsCypher).list().stream().map(r -> (String) r.get("id")).toList());
            java.util.List<String[]> times = new java.util.ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                times.clear();
                for (String id : ids) {
                    PreparedQuery q = library.prepare(SchemaReader.builtIn(), query, Map.of(param, id), QueryOptions.NONE);
                    long start = System.nanoTime();
                    var result = kg.query.QueryRunner.run(s, q, java.time.Duration.ofSeconds(30), null);
                    long micros = (System.nanoTime() - start) / 1000;
                    times.add(new String[] {String.format("%09d", micros), id, String.valueOf(result.rows().size())});
                }
            }
            times.sort(java.util.Comparator.comparing((String[] t) -> t[0]).reversed());
            times.stream().limit(8).forEach(t -> System.out.println(Long.parseLong(t[0]) / 1000.0 + " ms  " + t[1] + "  rows " + t[2]));
            System.out.println("median " + Long.parseLong(times.get(times.size() / 2)[0]) / 1000.0 + " ms of " + times.size());
        }
        System.exit(0);
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        String query = args[1];
        if (query.equals("cypher")) { // STORE cypher 'STATEMENT': its rows, for finding ids to try
            try (EmbeddedStore s = EmbeddedStore.open(store, "1g")) {
                s.read(tx -> {
                    tx.run(args[2]).forEachRemaining(System.out::println);
                    return null;
                });
            }
            System.exit(0);
        }
        if (query.equals("slowest")) { // STORE slowest QUERY PARAM 'STATEMENT returning id': the 5 slowest ids, timed
            slowest(store, args[2], args[3], args[4]);
            return;
        }
        if (query.equals("export")) {
            exportRepeatedly(store, args.length > 2 ? Integer.parseInt(args[2]) : 5);
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            params.put(kv[0], kv[1]);
        }
        // A path to a .cypher file runs that file (for trying a rewrite) instead of the built-in query of that name.
        QueryLibrary library = QueryLibrary.builtIn();
        if (query.endsWith(".cypher")) {
            Path file = Path.of(query);
            library = QueryLibrary.read(file.toAbsolutePath().getParent());
            query = file.getFileName().toString().replaceFirst("\\.cypher$", "");
        }
        PreparedQuery q = library.prepare(SchemaReader.builtIn(), query, params, QueryOptions.NONE);
        try (EmbeddedStore s = EmbeddedStore.open(store, "1g")) {
            var db = Bench.database(s);
            int runs = Integer.parseInt(System.getProperty("runs", "3"));
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.List<Long> cpu = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long rows;
                try (Transaction tx = db.beginTx(); Result r = tx.execute(q.cypher(), q.parameters())) {
                    rows = r.stream().count();
                }
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1000);
                if (i < 3 || i == runs - 1) {
                    System.out.printf("run %d: %d rows, %.1f ms (CPU %.1f ms)%n", i, rows, (System.nanoTime() - start) / 1e6,
                            cpu.get(i) / 1000.0);
                }
            }
            if (runs > 3) { // the later half, after the JIT has settled
                System.out.printf("CPU p50 of the last %d runs: %.2f ms%n", runs / 2,
                        Bench.percentile(cpu.subList(runs - runs / 2, runs), 50));
            }
            try (Transaction tx = db.beginTx(); Result r = tx.execute("PROFILE " + q.cypher(), q.parameters())) {
                r.stream().count();
                System.out.println(r.getExecutionPlanDescription());
            }
        }
        System.exit(0);
    }
}
