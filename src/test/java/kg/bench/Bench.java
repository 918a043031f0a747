package kg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.generate.Generator;
import kg.load.LoadReport;
import kg.load.Loader;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.GraphStore;

/**
 * The kg benchmark (not a unit test): generates data, then measures kg's loader against baselines run in the
 * same JVM on the same data, and the CLI's start-to-exit time. Run from the project folder:
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=kg.bench.Bench \
 *     -Dexec.args="--sizes 10000,100000"</pre>
 *
 * Options: {@code --sizes N,N} entities per data set; {@code --naive-max N} largest size the naive loader is
 * run on (it is slow); {@code --cli-runs N} and {@code --query-runs N} (0 skips); {@code --work DIR} (default
 * target/bench).
 */
public final class Bench {

    private static final Schema SCHEMA = SchemaReader.builtIn();
    private static final int NAIVE_COMMIT_EVERY = 10_000;
    private static final int UNWIND_BATCH = 10_000;

    private final List<String[]> table = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int[] sizes = Arrays.stream(opts.getOrDefault("sizes", "10000").split(",")).mapToInt(Integer::parseInt).toArray();
        int naiveMax = Integer.parseInt(opts.getOrDefault("naive-max", "100000"));
        int cliRuns = Integer.parseInt(opts.getOrDefault("cli-runs", "5"));
        Path work = Path.of(opts.getOrDefault("work", "target/bench"));
        Bench bench = new Bench();
        bench.queryRuns = Integer.parseInt(opts.getOrDefault("query-runs", "100"));
        bench.run(sizes, naiveMax, cliRuns, work);
        System.exit(0);
    }

    private void run(int[] sizes, int naiveMax, int cliRuns, Path work) throws Exception {
        System.out.printf("kg bench: %d cores, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        warmUp(work);
        for (int n : sizes) {
            Path base = work.resolve("data-" + n);
            Path revised = work.resolve("data-" + n + "-rev10");
            deleteTree(base);
            deleteTree(revised);
            new Generator(new Generator.Settings(n, 1, 20_000, 0)).write(base);
            new Generator(new Generator.Settings(n, 1, 20_000, 10)).write(revised);
            FactSet baseFacts = FactSet.of(List.of(base));
            FactSet revisedFacts = FactSet.of(List.of(revised));
            long facts = countFacts(baseFacts);
            String size = String.format("%,d", n);

            // kg's loader: empty store, unchanged reload (manifest, and the full path), incremental 10 %.
            Path kgStore = fresh(work.resolve("store-kg-" + n));
            try (EmbeddedStore store = open(kgStore)) {
                Loader loader = new Loader(store, SCHEMA);
                Measured<LoadReport> empty = measure(() -> loader.load(baseFacts));
                row("load empty", size, "kg loader *", empty, facts, null);
                Measured<Object> manifest = measure(() -> loader.unchangedSinceLastLoad(baseFacts).orElseThrow());
                row("reload unchanged", size, "kg (manifest) *", manifest, facts, null);
                Measured<LoadReport> full = measure(() -> loader.load(baseFacts));
                row("reload unchanged", size, "kg (full compare)", full, facts, manifest);
                Measured<LoadReport> incremental = measure(() -> loader.load(revisedFacts));
                row("incremental 10%", size, "kg loader *", incremental, countFacts(revisedFacts), null);
                System.out.println("  incremental, entities: " + incremental.value.entities());
                kgIncremental = incremental;
                kgEmpty = empty;
                if (queryRuns > 0) {
                    queries(store, size, queryRuns);
                }
            }
            // Baseline (c): batched UNWIND ... MERGE, 10k rows per transaction.
            Path unwindStore = fresh(work.resolve("store-unwind-" + n));
            try (EmbeddedStore store = open(unwindStore)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
                Measured<Long> unwind = measure(() -> Baselines.unwindMerge(store, baseFacts, UNWIND_BATCH));
                row("load empty", size, "UNWIND MERGE", unwind, facts, kgEmpty);
                Measured<Long> unwindIncremental = measure(() -> Baselines.unwindMerge(store, revisedFacts, UNWIND_BATCH));
                row("incremental 10%", size, "UNWIND MERGE", unwindIncremental, countFacts(revisedFacts), kgIncremental);
            }
            // Baseline (b): one MERGE statement per fact.
            if (n <= naiveMax) {
                Path naiveStore = fresh(work.resolve("store-naive-" + n));
                try (EmbeddedStore store = open(naiveStore)) {
                    store.applySchema(SCHEMA.storeSchemaStatements());
                    Measured<Long> naive = measure(() -> Baselines.naiveMerge(store, baseFacts, NAIVE_COMMIT_EVERY));
                    row("load empty", size, "naive MERGE", naive, facts, kgEmpty);
                }
            }
            deleteTree(work.resolve("store-naive-" + n));
            deleteTree(work.resolve("store-unwind-" + n));
            printTable();
        }
        if (cliRuns > 0) {
            cli(cliRuns, work);
            printTable();
        }
    }

    private int queryRuns;

    /** Runs every loader once on a small set first, so that no contender pays the JIT and Cypher planner warm-up alone. */
    private static void warmUp(Path work) throws IOException {
        Path data = work.resolve("data-warmup");
        deleteTree(data);
        new Generator(new Generator.Settings(2_000, 99, 20_000, 0)).write(data);
        FactSet facts = FactSet.of(List.of(data));
        for (String who : List.of("kg", "unwind", "naive")) {
            Path dir = fresh(work.resolve("store-warmup"));
            try (EmbeddedStore store = open(dir)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
                switch (who) {
                    case "kg" -> new Loader(store, SCHEMA).load(facts);
                    case "unwind" -> Baselines.unwindMerge(store, facts, UNWIND_BATCH);
                    default -> Baselines.naiveMerge(store, facts, NAIVE_COMMIT_EVERY);
                }
            }
            deleteTree(dir);
        }
    }

    /** Latency of saved queries on the loaded graph: p50 and p99 over many runs with random endpoints. */
    private void queries(GraphStore store, String size, int runs) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<String> owned = ids(store, "MATCH (:Entity)-[:OWNS]->(c:Company)<-[:OWNS]-(:Company) RETURN DISTINCT c.id AS id LIMIT 5000");
        List<String> companies = ids(store, "MATCH (c:Company) RETURN c.id AS id LIMIT 5000");
        List<String> people = ids(store, "MATCH (p:Person) RETURN p.id AS id LIMIT 5000");
        List<String> countries = ids(store, "MATCH (c:Country) RETURN c.id AS id");
        kg.query.QueryLibrary library = kg.query.QueryLibrary.builtIn();
        Map<String, Supplier<Map<String, String>>> cases = new LinkedHashMap<>();
        cases.put("ownership-chain", () -> Map.of("entity", owned.get(random.nextInt(owned.size()))));
        cases.put("influence-paths", () -> Map.of("from", countries.get(random.nextInt(countries.size())),
                "to", companies.get(random.nextInt(companies.size())), "paths", "5"));
        cases.put("shortest-path", () -> Map.of("from", people.get(random.nextInt(people.size())),
                "to", companies.get(random.nextInt(companies.size())), "max_degree", "200"));
        for (var c : cases.entrySet()) {
            List<Long> micros = new ArrayList<>();
            int failures = 0;
            for (int i = 0; i < runs + 10; i++) {
                kg.query.PreparedQuery q = library.prepare(SCHEMA, c.getKey(), c.getValue().get(), kg.query.QueryOptions.NONE);
                long start = System.nanoTime();
                try {
                    kg.query.QueryRunner.run(store, q, java.time.Duration.ofSeconds(10), 1000);
                } catch (RuntimeException e) {
                    failures++;
                }
                if (i >= 10) {
                    micros.add((System.nanoTime() - start) / 1000);
                }
            }
            micros.sort(null);
            table.add(new String[] {"query latency", size, c.getKey(), "p50 " + fmt(micros.get(micros.size() / 2) / 1000.0) + " ms",
                    "p99 " + fmt(micros.get(Math.min(micros.size() - 1, micros.size() * 99 / 100)) / 1000.0) + " ms",
                    runs + " runs", failures == 0 ? "" : failures + " timed out/failed"});
        }
    }

    private static List<String> ids(GraphStore store, String cypher) {
        return store.read(tx -> tx.run(cypher).list().stream().map(r -> (String) r.get("id")).toList());
    }

    private Measured<LoadReport> kgEmpty;
    private Measured<LoadReport> kgIncremental;

    /** ./kg stats and an unchanged ./kg load seeds, as separate processes, start to exit. */
    private void cli(int runs, Path work) throws Exception {
        Path store = work.resolve("store-seeds");
        deleteTree(store);
        Path kg = Path.of("kg").toAbsolutePath();
        runProcess(kg.toString(), "load", "--store", store.toString(), "seeds"); // loads, and trains the CDS archive
        for (String[] command : List.of(new String[] {"stats"}, new String[] {"load", "seeds"},
                new String[] {"query", "run", "ownership-chain", "--param", "entity=cainiao"})) {
            for (String cds : List.of("1", "0")) {
                List<Long> millis = new ArrayList<>();
                int exit = 0;
                for (int i = 0; i < runs; i++) {
                    List<String> args = new ArrayList<>(List.of(kg.toString()));
                    args.addAll(List.of(command));
                    args.addAll(List.of("--store", store.toString()));
                    long start = System.nanoTime();
                    exit = runProcess(Map.of("KG_CDS", cds), args.toArray(String[]::new));
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
                millis.sort(null);
                table.add(new String[] {"CLI start to exit", "seeds", "kg " + String.join(" ", command)
                        + (cds.equals("1") ? " (CDS)" : " (no CDS)"), fmt(millis.get(millis.size() / 2) / 1000.0) + " s",
                        "min " + fmt(millis.get(0) / 1000.0) + " max " + fmt(millis.get(millis.size() - 1) / 1000.0), "",
                        exit == 0 ? "" : "exit " + exit});
            }
        }
    }

    private static int runProcess(String... args) throws IOException, InterruptedException {
        return runProcess(Map.of(), args);
    }

    private static int runProcess(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static long countFacts(FactSet facts) {
        long[] n = {0};
        facts.forEach(SCHEMA, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                n[0]++;
            }

            @Override
            public void entity(Fact.Entity e) {
                n[0]++;
            }

            @Override
            public void relationship(Fact.Relationship r) {
                n[0]++;
            }
        });
        return n[0];
    }

    private static EmbeddedStore open(Path dir) {
        return EmbeddedStore.open(dir, "1g");
    }

    private static Path fresh(Path dir) throws IOException {
        deleteTree(dir);
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A timed run and the peak heap in use while it ran (sampled every 5 ms, after a GC beforehand). */
    record Measured<T>(T value, long nanos, long peakHeap) {
    }

    private static <T> Measured<T> measure(Supplier<T> work) {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] peak = {memory.getHeapMemoryUsage().getUsed()};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        T value = work.get();
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Measured<>(value, nanos, peak[0]);
    }

    private void row(String what, String size, String who, Measured<?> m, long facts, Measured<?> kgForRatio) {
        double seconds = m.nanos / 1e9;
        String ratio = kgForRatio == null ? "" : fmt((double) m.nanos / kgForRatio.nanos) + "x the row marked *";
        table.add(new String[] {what, size, who, fmt(seconds) + " s", String.format(Locale.ROOT, "%,.0f facts/s", facts / seconds),
                (m.peakHeap >> 20) + " MiB", ratio});
        System.out.printf(Locale.ROOT, "  %s %s %s: %.2f s%n", what, size, who, seconds);
    }

    private void printTable() {
        String[] head = {"measure", "entities", "who", "time", "rate", "peak heap", "ratio"};
        int[] widths = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(table);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\n");
        for (String[] r : all) {
            out.append('|');
            for (int i = 0; i < r.length; i++) {
                out.append(' ').append(String.format("%-" + widths[i] + "s", r[i])).append(" |");
            }
            out.append('\n');
        }
        System.out.println(out);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
    }

    private Bench() {
    }

}
