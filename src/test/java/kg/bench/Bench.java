package kg.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import kg.export.GraphmlExport;
import kg.export.Selection;
import kg.facts.Fact;
import kg.facts.FactSet;
import kg.generate.Generator;
import kg.load.LoadReport;
import kg.load.Loader;
import kg.query.PreparedQuery;
import kg.query.QueryLibrary;
import kg.query.QueryOptions;
import kg.query.QueryResult;
import kg.query.QueryRunner;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.store.GraphStore;

/**
 * The kg benchmark (not a unit test, not run by {@code mvn test}): generates data with {@link Generator}, then
 * measures kg against baselines run in the same JVM on the same data, and prints one table with the ratios
 * and a list of targets met or missed. Run from the project folder:
 *
 * <pre>MAVEN_OPTS="-Xmx4g -XX:+UseParallelGC" mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=kg.bench.Bench \
 *     -Dexec.args="--sizes 10000,100000 --skip naive@100000"</pre>
 *
 * Per size: (1) kg's loader into an empty store, an unchanged reload (manifest, and the full compare); (2) saved-query latency (p50/p99) on that graph; (3) {@code kg export
 * graphml} of the whole graph against APOC's {@code apoc.export.graphml.all} streamed; (4) the bulk importer
 * ({@code neo4j-admin database import full}) on CSV of the same facts; (5) batched {@code UNWIND ... MERGE};
 * (6) one {@code MERGE} per fact (naive); (7) incremental loads of 10 % new and edited facts, kg against
 * batched {@code UNWIND ... MERGE}, with the edits in the last 10 % of the files (and the same load finding what
 * may change by reading every stored id, as a baseline) and with them in every file; (7b) one entity edited in
 * one file, looked up and read every stored id. Then the CLI's start-to-exit time.
 *
 * <p>Options: {@code --sizes N,N}; {@code --skip PART,...} with parts {@code reload reload-full incremental
 * unwind-incremental queries export import unwind naive cli}, each optionally {@code PART@N} for one size only (the naive loader takes minutes to hours at
 * 1M: skipped there, its rate at the largest size measured is extrapolated and marked so); {@code --naive-max N}
 * (same as skipping naive above N); {@code --cli-runs N}; {@code --query-runs N} (after 20 warm-up runs);
 * {@code --export-runs N} each export, alternately (default 2, the fastest reported); {@code --query-budget SECONDS} measured time per query and size (default 300; past it the query stops early, with
 * the runs done); {@code --query-timeout SECONDS} per run (default 10; a run stopped counts at that time); {@code --import-memory SIZE}
 * the importer's off-heap budget (default 2G); {@code --work DIR} (default
 * target/bench).
 */
public final class Bench {

    private static final Schema SCHEMA = SchemaReader.builtIn();
    private static final int NAIVE_COMMIT_EVERY = 10_000;
    private static final int UNWIND_BATCH = 10_000;
    private static final int QUERY_WARMUP = 20;
    /** CPU time of the thread that runs a query (the embedded runtime runs it in the caller's thread). */
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<String[]> table = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final Set<String> skip = new HashSet<>();
    private int queryRuns = 200;
    private int exportRuns = 2;
    private int naiveMax = Integer.MAX_VALUE;
    private String importMemory = "2G";
    private Duration queryTimeout = Duration.ofSeconds(10);
    private long queryBudgetNanos = TimeUnit.SECONDS.toNanos(300);
    /** Naive loader's rate (facts/s) at the largest size it ran, for sizes where it is skipped. */
    private double naiveRate = Double.NaN;
    private int naiveRateSize;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int[] sizes = Arrays.stream(opts.getOrDefault("sizes", "10000").split(",")).mapToInt(Integer::parseInt).toArray();
        Bench bench = new Bench();
        bench.naiveMax = Integer.parseInt(opts.getOrDefault("naive-max", String.valueOf(Integer.MAX_VALUE)));
        bench.queryRuns = Integer.parseInt(opts.getOrDefault("query-runs", "200"));
        bench.exportRuns = Integer.parseInt(opts.getOrDefault("export-runs", "2"));
        bench.importMemory = opts.getOrDefault("import-memory", "2G");
        bench.queryBudgetNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(opts.getOrDefault("query-budget", "300")));
        bench.queryTimeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("query-timeout", "10")));
        bench.skip.addAll(Arrays.asList(opts.getOrDefault("skip", "").split(",")));
        int cliRuns = Integer.parseInt(opts.getOrDefault("cli-runs", "5"));
        Path work = Path.of(opts.getOrDefault("work", "target/bench"));
        bench.run(sizes, cliRuns, work);
        System.exit(0);
    }

    private boolean skipped(String part, int size) {
        return skip.contains(part) || skip.contains(part + "@" + size);
    }

    private void run(int[] sizes, int cliRuns, Path work) throws Exception {
        // The collector is printed: it changes a large incremental load's time by a third (see README, Performance).
        System.out.printf("kg bench: %d cores, max heap %d MiB, %s %s, collectors %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList(), loadAverage());
        warmUp(work);
        for (int n : sizes) {
            size(n, work);
            printTable();
        }
        if (cliRuns > 0 && !skip.contains("cli")) {
            cli(cliRuns, work);
        }
        printTable();
        System.out.println("Targets (largest size measured):");
        targets.forEach(t -> System.out.println("  " + t));
        System.out.printf("load average at the end: %.2f%n", loadAverage());
    }

    private void size(int n, Path work) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %,d entities (load average %.2f)%n", n, loadAverage());
        Path base = work.resolve("data-" + n);
        Path revised = work.resolve("data-" + n + "-rev10");
        deleteTree(base);
        deleteTree(revised);
        Generator.Summary generated = new Generator(new Generator.Settings(n, 1, 20_000, 0)).write(base);
        FactSet baseFacts = FactSet.of(List.of(base));
        long facts = countFacts(baseFacts);
        String size = String.format(Locale.ROOT, "%,d", n);
        System.out.printf(Locale.ROOT, "  generated %,d entities, %,d relationships, %,d sources (%,d facts)%n",
                generated.entities(), generated.relationships(), generated.sources(), facts);

        // (1) kg's loader: empty store, unchanged reload (manifest, and the full path); incremental at the end.
        Path kgStore = fresh(work.resolve("store-kg-" + n));
        Measured<LoadReport> kgEmpty;
        try (EmbeddedStore store = open(kgStore)) {
            Loader loader = new Loader(store, SCHEMA);
            kgEmpty = measure(() -> loader.load(baseFacts));
            row("load empty", size, "kg loader", kgEmpty, facts, "facts", null);
            if (!skipped("reload", n)) {
                Measured<Object> manifest = measure(() -> loader.unchangedSinceLastLoad(baseFacts).orElseThrow());
                row("reload unchanged", size, "kg (manifest)", manifest, facts, "facts", null);
                if (!skipped("reload-full", n)) {
                    Measured<LoadReport> full = measure(() -> loader.load(baseFacts));
                    row("reload unchanged", size, "kg (full compare)", full, facts, "facts", manifest);
                }
                target("unchanged reload < 0.5 s", size, manifest.nanos < 500_000_000L, fmt(manifest.nanos / 1e9) + " s");
            }
            // (2) and (3) on the graph just loaded.
            if (queryRuns > 0 && !skipped("queries", n)) {
                queries(store, size, queryRuns);
            }
            if (!skipped("export", n)) {
                export(store, size, work, n);
            }
        }
        // (4) The bulk importer on CSV of the same facts; the CSV writing is reported, not counted.
        if (!skipped("import", n)) {
            bulkImport(n, size, work, baseFacts, facts, kgEmpty, kgStore);
        }
        // (5) Batched UNWIND ... MERGE, 10k rows per transaction.
        if (!skipped("unwind", n)) {
            Path unwindStore = fresh(work.resolve("store-unwind-" + n));
            try (EmbeddedStore store = open(unwindStore)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
                Measured<Long> unwind = measure(() -> Baselines.unwindMerge(store, baseFacts, UNWIND_BATCH));
                row("load empty", size, "UNWIND MERGE", unwind, facts, "facts", kgEmpty);
            }
            deleteTree(unwindStore);
        }
        // (6) One MERGE statement per fact.
        double kgSeconds = kgEmpty.nanos / 1e9;
        if (n <= naiveMax && !skipped("naive", n)) {
            Path naiveStore = fresh(work.resolve("store-naive-" + n));
            try (EmbeddedStore store = open(naiveStore)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
                Measured<Long> naive = measure(() -> Baselines.naiveMerge(store, baseFacts, NAIVE_COMMIT_EVERY));
                row("load empty", size, "naive MERGE", naive, facts, "facts", kgEmpty);
                naiveRate = facts / (naive.nanos / 1e9);
                naiveRateSize = n;
                target("load ≥ 10× faster than naive", size, ratio(naive, kgEmpty) >= 10,
                        String.format(Locale.ROOT, "%.2f× faster", ratio(naive, kgEmpty)));
            }
            deleteTree(naiveStore);
        } else if (!Double.isNaN(naiveRate)) {
            double seconds = facts / naiveRate;
            table.add(new String[] {"load empty", size, "naive MERGE (extrapolated)", fmt(seconds) + " s",
                    String.format(Locale.ROOT, "%,.0f facts/s", naiveRate), "—", fmt(kgSeconds / seconds),
                    String.format(Locale.ROOT, "not run: its rate at %,d, linear (it slows as the graph grows)", naiveRateSize)});
            target("load ≥ 10× faster than naive", size, seconds / kgSeconds >= 10,
                    String.format(Locale.ROOT, "%.2f× faster (naive extrapolated from %,d)", seconds / kgSeconds, naiveRateSize));
        }
        target("load heap ≤ 1 GiB", size, kgEmpty.peakAfterGc <= 1L << 30, (kgEmpty.peakAfterGc >> 20)
                + " MiB live after collections at most (" + (kgEmpty.peakHeap >> 20) + " MiB peak sampled, garbage included)");
        if (!skipped("incremental", n)) {
            incremental(n, size, work, base, revised, kgStore);
        }
        deleteTree(revised);
    }

    /**
     * (7) 10 % new and edited facts into the loaded graph, kg against batched UNWIND ... MERGE (each on its own
     * copy of the loaded store: the graphs are the same), twice: edits in the last 10 % of the files and the
     * added entities in new files, written over the loaded files (as curation edits a few files at a time and
     * a registry's new extract adds files), and edits spread over every file (each file changes).
     */
    private void incremental(int n, String size, Path work, Path base, Path spread, Path kgStore) throws IOException {
        Path kgSpread = copyStore(kgStore, work.resolve("store-kg-spread-" + n));
        Path kgScanning = copyStore(kgStore, work.resolve("store-kg-scanning-" + n));
        boolean unwind = !skipped("unwind-incremental", n);
        Path unwindLocal = unwind ? copyStore(kgStore, work.resolve("store-unwind-local-" + n)) : null;
        Path unwindSpread = unwind ? copyStore(kgStore, work.resolve("store-unwind-spread-" + n)) : null;
        new Generator(new Generator.Settings(n, 1, 20_000, 10, 10)).write(base);
        new Generator(new Generator.Settings(n, 1, 20_000, 10)).write(spread);
        // After the revisions too: at 1M they are 0.8 GB, whose write-back would fall on the first load timed.
        settleDisk();
        for (boolean local : new boolean[] {true, false}) {
            FactSet rev = FactSet.of(List.of(local ? base : spread));
            String what = local ? "incremental 10%, edits in 10% of files" : "incremental 10%, edits in every file";
            Measured<LoadReport> kg;
            try (EmbeddedStore store = open(local ? kgStore : kgSpread)) {
                kg = measure(() -> new Loader(store, SCHEMA).load(rev));
            }
            long revFacts = countFacts(rev);
            row(what, size, "kg loader", kg, revFacts, "facts", null);
            note(String.format(Locale.ROOT, "%d of %d files read; entities %s, relationships %s", kg.value.filesRead(),
                    rev.files().size(), kg.value.entities(), kg.value.relationships()));
            if (local) {
                // The same load, finding the stored facts it may change by reading every stored id and hash.
                try (EmbeddedStore store = open(kgScanning)) {
                    Measured<LoadReport> scanning = measure(() -> new Loader(store, SCHEMA).readingEveryStoredFact().load(rev));
                    row(what, size, "  kg, reading every stored id", scanning, revFacts, "facts", kg);
                }
                deleteTree(kgScanning);
            }
            if (unwind) {
                try (EmbeddedStore store = open(local ? unwindLocal : unwindSpread)) {
                    Measured<Long> m = measure(() -> Baselines.unwindMerge(store, rev, UNWIND_BATCH));
                    row(what, size, "UNWIND MERGE", m, revFacts, "facts", kg);
                    target("incremental ≥ 3× faster than batched UNWIND MERGE (" + (local ? "edits in 10% of files"
                            : "edits in every file") + ")", size, ratio(m, kg) >= 3,
                            String.format(Locale.ROOT, "UNWIND takes %.2f× kg's time", ratio(m, kg)));
                }
            }
        }
        deleteTree(kgSpread);
        oneEntityEdit(size, base, kgStore);
        if (unwind) {
            deleteTree(unwindLocal);
            deleteTree(unwindSpread);
        }
    }

    /**
     * (7b) One entity's name edited in one file of the loaded set, as curation does between two loads: first
     * finding the stored facts that may change by reading every stored id and hash, then (the same edit made
     * again, another name) by looking up only what the edited file declared.
     */
    private void oneEntityEdit(String size, Path dir, Path kgStore) throws IOException {
        FactSet facts = FactSet.of(List.of(dir));
        Path file = facts.files().get(facts.files().size() / 2);
        String text = Files.readString(file);
        int name = text.indexOf("\n    name: ", text.indexOf("\nentities:\n"));
        if (name < 0) {
            return;
        }
        int end = text.indexOf('\n', name + 1);
        Measured<LoadReport> scanning;
        try (EmbeddedStore store = open(kgStore)) {
            Files.writeString(file, text.substring(0, end) + " (edited)" + text.substring(end));
            scanning = measure(() -> new Loader(store, SCHEMA).readingEveryStoredFact().load(facts));
        }
        Measured<LoadReport> kg;
        try (EmbeddedStore store = open(kgStore)) {
            Files.writeString(file, text.substring(0, end) + " (edited again)" + text.substring(end));
            kg = measure(() -> new Loader(store, SCHEMA).load(facts));
        }
        Files.writeString(file, text);
        row("one entity edited", size, "kg loader", kg, 1, "facts", null);
        note(String.format(Locale.ROOT, "%d of %d files read; entities %s", kg.value.filesRead(), facts.files().size(),
                kg.value.entities()));
        row("one entity edited", size, "  kg, reading every stored id", scanning, 1, "facts", kg);
    }

    /** Writes the copies out before anything is timed: their write-back would otherwise compete with the loads. */
    private static void settleDisk() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // no sync command: the copies settle on their own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A copy of a closed store's folder. */
    private static Path copyStore(Path from, Path to) throws IOException {
        deleteTree(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("kg.lock")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** (4): CSV written from the facts, then neo4j-admin database import full, then kg's indexes on first open. */
    private void bulkImport(int n, String size, Path work, FactSet facts, long factCount, Measured<LoadReport> kgEmpty,
                            Path kgStore) throws IOException {
        Path csvDir = work.resolve("csv-" + n);
        Path home = work.resolve("store-import-" + n);
        Measured<BulkImport.Csv> csv = measure(() -> BulkImport.writeCsv(SCHEMA, facts, csvDir));
        row("load empty", size, "CSV for the importer (not counted)", csv, factCount, "facts", null);
        note(String.format(Locale.ROOT, "%,d nodes, %,d relationships, %,d MiB", csv.value.nodes(),
                csv.value.relationships(), csv.value.bytes() >> 20));
        Measured<Object> imported = measure(() -> {
            BulkImport.run(csv.value, home, importMemory);
            return null;
        });
        row("load empty", size, "bulk importer", imported, factCount, "facts", kgEmpty);
        note("off-heap up to " + importMemory + ", not in the heap figure");
        Measured<Object> indexed = measure(() -> {
            try (EmbeddedStore store = open(home)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
            }
            return null;
        });
        row("load empty", size, "  + kg's indexes (first open)", indexed, factCount, "facts", null);
        Measured<Object> both = new Measured<>(null, imported.nanos + indexed.nanos, Math.max(imported.peakHeap, indexed.peakHeap),
                Math.max(imported.peakAfterGc, indexed.peakAfterGc));
        row("load empty", size, "bulk importer + indexes", both, factCount, "facts", kgEmpty);
        String same = sameGraph(kgStore, home);
        note(same);
        double r = (double) kgEmpty.nanos / imported.nanos;
        target("load ≤ 1.2× the bulk importer", size, r <= 1.2, String.format(Locale.ROOT,
                "kg takes %.2f× the importer's time (%.2f× importer + indexes)", r, (double) kgEmpty.nanos / both.nanos));
        deleteTree(home);
        deleteTree(csvDir);
    }

    /** Compares the graph kg loaded with the imported one: counts per label and type, and properties of a sample. */
    private static String sameGraph(Path kgStore, Path imported) {
        String counts = "CALL { MATCH (n) UNWIND labels(n) AS l RETURN l AS what, count(*) AS n "
                + "UNION ALL MATCH ()-[r]->() RETURN type(r) AS what, count(*) AS n } RETURN what, n ORDER BY what";
        String sample = "MATCH (a)-[r]->(b) WITH a, r, b ORDER BY r.key LIMIT 200 "
                + "RETURN a.id AS a, properties(a) AS ap, labels(a) AS al, r.key AS k, properties(r) AS rp, b.id AS b";
        List<Map<String, Object>> mine;
        List<Map<String, Object>> theirs;
        List<Map<String, Object>> mineSample;
        List<Map<String, Object>> theirsSample;
        try (EmbeddedStore store = open(kgStore)) {
            mine = store.read(tx -> tx.run(counts).list());
            mineSample = store.read(tx -> tx.run(sample).list());
        }
        try (EmbeddedStore store = open(imported)) {
            theirs = store.read(tx -> tx.run(counts).list());
            theirsSample = store.read(tx -> tx.run(sample).list());
        }
        if (!mine.equals(theirs)) {
            return "imported graph differs from kg's in counts: " + mine + " vs " + theirs;
        }
        if (!normalised(mineSample).equals(normalised(theirsSample))) {
            for (int i = 0; i < Math.min(mineSample.size(), theirsSample.size()); i++) {
                if (!normalised(List.of(mineSample.get(i))).equals(normalised(List.of(theirsSample.get(i))))) {
                    return "imported graph differs from kg's, e.g. " + mineSample.get(i) + " vs " + theirsSample.get(i);
                }
            }
            return "imported graph differs from kg's in a sample of relationships";
        }
        return "imported graph = kg's (counts per label and type; 200 relationships and their ends compared,"
                + " but for kg's empty-quote placeholders)";
    }

    /**
     * Labels as a set (their order is the store's), and without {@code quotes} lists of empty strings only: kg stores
     * an empty quote per citation without one, which the importer's CSV cannot express (an empty array field is no
     * property at all).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> normalised(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.computeIfPresent("al", (k, v) -> new HashSet<>((List<?>) v));
            m.computeIfPresent("rp", (k, v) -> {
                Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) v);
                if (props.get("quotes") instanceof List<?> quotes && quotes.stream().allMatch(""::equals)) {
                    props.remove("quotes");
                }
                return props;
            });
            return m;
        }).toList();
    }

    /** Runs every loader once on a small set first, so that no contender pays the JIT and Cypher planner warm-up alone. */
    private void warmUp(Path work) throws IOException {
        Path data = work.resolve("data-warmup");
        deleteTree(data);
        new Generator(new Generator.Settings(2_000, 99, 500, 0)).write(data);
        FactSet facts = FactSet.of(List.of(data));
        for (String who : List.of("kg", "unwind", "naive")) {
            if (skip.contains(who)) {
                continue; // skipped at every size
            }
            Path dir = fresh(work.resolve("store-warmup"));
            try (EmbeddedStore store = open(dir)) {
                store.applySchema(SCHEMA.storeSchemaStatements());
                switch (who) {
                    case "kg" -> {
                        new Loader(store, SCHEMA).load(facts);
                        // Partial loads, both ways: a revision with edits in the last file, then back.
                        new Generator(new Generator.Settings(2_000, 99, 500, 10, 25)).write(data);
                        new Loader(store, SCHEMA).load(FactSet.of(List.of(data)));
                        new Generator(new Generator.Settings(2_000, 99, 500, 0)).write(data);
                        new Loader(store, SCHEMA).readingEveryStoredFact().load(FactSet.of(List.of(data)));
                        if (!skip.contains("export")) {
                            exportKg(store, work.resolve("export-warmup.graphml"));
                            exportApoc(store, work.resolve("export-warmup-apoc.graphml"));
                        }
                    }
                    case "unwind" -> Baselines.unwindMerge(store, facts, UNWIND_BATCH);
                    default -> Baselines.naiveMerge(store, facts, NAIVE_COMMIT_EVERY);
                }
            }
            deleteTree(dir);
        }
        if (!skip.contains("import")) {
            BulkImport.run(BulkImport.writeCsv(SCHEMA, facts, work.resolve("csv-warmup")), work.resolve("store-warmup"), importMemory);
            deleteTree(work.resolve("store-warmup"));
            deleteTree(work.resolve("csv-warmup"));
        }
        Files.deleteIfExists(work.resolve("export-warmup.graphml"));
        Files.deleteIfExists(work.resolve("export-warmup-apoc.graphml"));
    }

    /**
     * Latency of saved queries on the loaded graph through kg's QueryRunner: p50 and p99 over {@code runs} runs
     * after {@link #QUERY_WARMUP}, each with parameters drawn (seeded, so the same every run) from the graph's ids:
     * ownership-chain on companies with an ownership chain at least two companies deep above them.
     */
    private void queries(GraphStore store, String size, int runs) {
        QueryLibrary library = QueryLibrary.builtIn();
        Map<String, Supplier<Map<String, String>>> cases = queryCases(store, new SplittableRandom(7));
        for (var c : cases.entrySet()) {
            List<Long> micros = new ArrayList<>();
            List<Long> warmUpMicros = new ArrayList<>();
            List<Long> cpuMicros = new ArrayList<>();
            List<Long> warmUpCpuMicros = new ArrayList<>();
            int failures = 0;
            long rows = 0;
            long empty = 0;
            long spent = 0;
            for (int i = 0; i < runs + QUERY_WARMUP && spent < queryBudgetNanos; i++) {
                if (i == QUERY_WARMUP) { // counts are of the measured runs (of the warm-up when it is all there is)
                    rows = 0;
                    empty = 0;
                    failures = 0;
                }
                PreparedQuery q = library.prepare(SCHEMA, c.getKey(), c.getValue().get(), QueryOptions.NONE);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                try {
                    QueryResult result = QueryRunner.run(store, q, queryTimeout, null);
                    rows += result.rows().size();
                    empty += result.rows().isEmpty() ? 1 : 0;
                } catch (RuntimeException e) {
                    failures++;
                }
                long took = System.nanoTime() - start;
                spent += took;
                (i >= QUERY_WARMUP ? micros : warmUpMicros).add(took / 1000);
                (i >= QUERY_WARMUP ? cpuMicros : warmUpCpuMicros).add((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000);
            }
            boolean warmUpOnly = micros.isEmpty();
            if (warmUpOnly) {
                micros = warmUpMicros; // the budget ran out during the warm-up: report those runs, said so
                cpuMicros = warmUpCpuMicros;
            }
            int done = micros.size();
            System.out.printf(Locale.ROOT, "  %s: %d runs done (load average %.2f)%n", c.getKey(), done, loadAverage());
            double p50 = percentile(micros, 50);
            double p99 = percentile(micros, 99);
            table.add(new String[] {"query latency", size, c.getKey(), "p50 " + fmt(p50) + " ms", "p99 " + fmt(p99) + " ms", "",
                    "", String.format(Locale.ROOT, "CPU p50 %s ms, p99 %s ms; %d runs %s%s; %.1f rows/run, %d with none%s",
                            fmt(percentile(cpuMicros, 50)), fmt(percentile(cpuMicros, 99)), done,
                            warmUpOnly ? "without warm-up" : "after " + QUERY_WARMUP + " warm-up",
                            done < runs ? " (time budget)" : "", (double) rows / done, empty, failures == 0 ? "" : "; " + failures + " failed or timed out")});
            if (c.getKey().equals("ownership-chain")) {
                target("ownership-chain p50 ≤ 20 ms, p99 ≤ 100 ms", size, p50 <= 20 && p99 <= 100,
                        "p50 " + fmt(p50) + " ms, p99 " + fmt(p99) + " ms (CPU time: p50 " + fmt(percentile(cpuMicros, 50))
                        + " ms, p99 " + fmt(percentile(cpuMicros, 99)) + " ms)");
            }
        }
    }

    /**
     * The measured queries and where each draws its parameters from (ids of the graph, seeded): ownership-chain on
     * companies with a chain at least two companies deep above them, influence-paths from a country to a company,
     * shortest-path from a person to a company. Also used by {@link QueryCompare}.
     */
    static Map<String, Supplier<Map<String, String>>> queryCases(GraphStore store, SplittableRandom random) {
        List<String> owned = ids(store, "MATCH (c:Company)<-[:OWNS]-(:Company)<-[:OWNS]-(:Company) "
                + "RETURN DISTINCT c.id AS id ORDER BY id");
        List<String> companies = ids(store, "MATCH (c:Company) RETURN c.id AS id ORDER BY id");
        List<String> people = ids(store, "MATCH (p:Person) RETURN p.id AS id ORDER BY id");
        List<String> countries = ids(store, "MATCH (c:Country) RETURN c.id AS id ORDER BY id");
        System.out.printf(Locale.ROOT, "  query targets: %,d companies with a chain of 2+ companies above%n", owned.size());
        Map<String, Supplier<Map<String, String>>> cases = new LinkedHashMap<>();
        cases.put("ownership-chain", () -> Map.of("entity", pick(owned, random)));
        cases.put("influence-paths", () -> Map.of("from", pick(countries, random), "to", pick(companies, random), "paths", "5"));
        cases.put("shortest-path", () -> Map.of("from", pick(people, random), "to", pick(companies, random), "max_degree", "200"));
        return cases;
    }

    /** The p-th percentile (nearest rank) of microsecond samples, in milliseconds. */
    static double percentile(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        int rank = Math.max(1, (int) Math.ceil(sorted.size() * p / 100.0));
        return sorted.get(Math.min(sorted.size(), rank) - 1) / 1000.0;
    }

    private static String pick(List<String> ids, SplittableRandom random) {
        return ids.get(random.nextInt(ids.size()));
    }

    private static List<String> ids(GraphStore store, String cypher) {
        return store.read(tx -> tx.run(cypher).list().stream().map(r -> (String) r.get("id")).toList());
    }

    /** (3): kg export graphml of the whole graph, and APOC's export of the whole graph streamed, both to a file. */
    private void export(EmbeddedStore store, String size, Path work, int n) throws IOException {
        Path kgFile = work.resolve("export-kg-" + n + ".graphml");
        Path apocFile = work.resolve("export-apoc-" + n + ".graphml");
        // Alternately, exportRuns times each: the fastest run of each is reported (the machine is shared), the
        // highest heap of any run.
        Measured<GraphmlExport.Counts> kg = null;
        Measured<Long> apoc = null;
        for (int i = 0; i < exportRuns; i++) {
            kg = best(kg, measure(() -> exportKg(store, kgFile)));
            apoc = best(apoc, measure(() -> exportApoc(store, apocFile)));
        }
        long elements = kg.value.nodes() + kg.value.edges();
        String runs = exportRuns > 1 ? "fastest of " + exportRuns + "; " : "";
        row("GraphML export, whole graph", size, "kg export graphml", kg, elements, "elements", null);
        note(String.format(Locale.ROOT, "%s%,d nodes + %,d edges, %,d MiB", runs, kg.value.nodes(), kg.value.edges(),
                Files.size(kgFile) >> 20));
        row("GraphML export, whole graph", size, "apoc.export.graphml.all stream", apoc, elements, "elements", kg);
        note(String.format(Locale.ROOT, "%s%,d MiB", runs, Files.size(apocFile) >> 20));
        double rate = elements / (kg.nanos / 1e9);
        target("export ≥ 500k elements/s, not slower than APOC", size, rate >= 500_000 && kg.nanos <= apoc.nanos,
                String.format(Locale.ROOT, "%,.0f elements/s; kg takes %.2f× APOC's time; heap after GC %d MiB (APOC %d MiB)", rate,
                        (double) kg.nanos / apoc.nanos, kg.peakAfterGc >> 20, apoc.peakAfterGc >> 20));
        Files.deleteIfExists(kgFile);
        Files.deleteIfExists(apocFile);
    }

    /** The faster of two runs, with the higher of their peak heaps. */
    private static <T> Measured<T> best(Measured<T> a, Measured<T> b) {
        if (a == null) {
            return b;
        }
        Measured<T> faster = a.nanos <= b.nanos ? a : b;
        return new Measured<>(faster.value, faster.nanos, Math.max(a.peakHeap, b.peakHeap),
                Math.max(a.peakAfterGc, b.peakAfterGc));
    }

    /** As {@code kg export graphml -o FILE} writes it. */
    private static GraphmlExport.Counts exportKg(GraphStore store, Path file) {
        try (java.io.OutputStream stream = Files.newOutputStream(file)) {
            return new GraphmlExport(store).write(new Selection.WholeGraph(), stream, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code CALL apoc.export.graphml.all(null, {stream: true})}, every batch it yields written to a file; returns chars. */
    private static long exportApoc(EmbeddedStore store, Path file) {
        registerApocExport(store);
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            return store.read(tx -> {
                long chars = 0;
                try (var rows = tx.run("CALL apoc.export.graphml.all(null, {stream: true}) YIELD data RETURN data", Map.of())) {
                    while (rows.hasNext()) {
                        String data = (String) rows.next().get("data");
                        if (data != null) {
                            writer.write(data);
                            chars += data.length();
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return chars;
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Set<GraphDatabaseService> APOC_EXPORT_REGISTERED = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /**
     * Registers APOC's GraphML export in this store, for the comparison only (kg itself does not register it). The
     * store does not hand out its database, so the benchmark takes it by reflection rather than widen kg's API.
     */
    static synchronized GraphDatabaseAPI database(EmbeddedStore store) {
        try {
            java.lang.reflect.Method m = EmbeddedStore.class.getDeclaredMethod("database");
            m.setAccessible(true);
            return (GraphDatabaseAPI) m.invoke(store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void registerApocExport(EmbeddedStore store) {
        GraphDatabaseAPI db = database(store);
        if (APOC_EXPORT_REGISTERED.add(db)) {
            try {
                db.getDependencyResolver().resolveDependency(GlobalProcedures.class)
                        .registerProcedure(apoc.export.graphml.ExportGraphML.class);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register apoc.export.graphml: " + e.getMessage(), e);
            }
        }
    }

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
                        "", "", "", "median of " + runs + ", min " + fmt(millis.get(0) / 1000.0) + " max "
                        + fmt(millis.get(millis.size() - 1) / 1000.0) + (exit == 0 ? "" : ", exit " + exit)});
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

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * A timed run and the peak heap in use while it ran (sampled every 5 ms, after a GC beforehand: an upper bound,
     * garbage included, that grows with -Xmx), and the largest heap left after any collection during the run (the
     * live data at that moment: 0 when no collection ran).
     */
    record Measured<T>(T value, long nanos, long peakHeap, long peakAfterGc) {
        Measured(T value, long nanos, long peakHeap) {
            this(value, nanos, peakHeap, 0);
        }
    }

    /** Heap in use after the latest collections, highest since {@link #resetAfterGc}. */
    private static final java.util.concurrent.atomic.AtomicLong AFTER_GC = new java.util.concurrent.atomic.AtomicLong();

    /** Names of the heap's memory pools (a collection also reports metaspace and code cache). */
    private static final Set<String> HEAP_POOLS = new HashSet<>(ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName).toList());

    static {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(
                        com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> HEAP_POOLS.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static <T> Measured<T> measure(Supplier<T> work) {
        System.gc();
        try {
            Thread.sleep(50); // the notification of that collection arrives on another thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AFTER_GC.set(0);
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
        return new Measured<>(value, nanos, peak[0], AFTER_GC.get());
    }

    /** How many times kg's time this one's is: above 1, kg is faster. */
    private static double ratio(Measured<?> other, Measured<?> kg) {
        return (double) other.nanos / kg.nanos;
    }

    /**
     * One row; {@code kg} is kg's row to compare with: the ratio column then says kg's time divided by this one's
     * (below 1: kg is faster).
     */
    private void row(String what, String size, String who, Measured<?> m, long count, String unit, Measured<?> kg) {
        double seconds = m.nanos / 1e9;
        String ratio = kg == null ? "" : fmt((double) kg.nanos / m.nanos);
        table.add(new String[] {what, size, who, fmt(seconds) + " s", String.format(Locale.ROOT, "%,.0f %s/s", count / seconds, unit),
                heap(m), ratio, ""});
        System.out.printf(Locale.ROOT, "  %s %s %s: %.2f s (load average %.2f)%n", what, size, who, seconds, loadAverage());
    }

    /** Peak sampled / largest after a collection (the live data), in MiB. */
    private static String heap(Measured<?> m) {
        return (m.peakHeap >> 20) + " / " + (m.peakAfterGc == 0 ? "—" : (m.peakAfterGc >> 20)) + " MiB";
    }

    /** A remark on the row just added. */
    private void note(String text) {
        String[] last = table.get(table.size() - 1);
        last[7] = last[7].isEmpty() ? text : last[7] + "; " + text;
    }

    private void target(String what, String size, boolean met, String measured) {
        String line = what + " — " + (met ? "met" : "MISSED") + " at " + size + " entities: " + measured;
        targets.removeIf(t -> t.startsWith(what + " — "));
        targets.add(line);
    }

    private void printTable() {
        String[] head = {"measure", "entities", "who", "time", "rate", "heap: peak / after GC", "kg time ÷ this", "notes"};
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
        for (int k = 0; k < all.size(); k++) {
            String[] r = all.get(k);
            out.append('|');
            for (int i = 0; i < r.length; i++) {
                out.append(' ').append(String.format("%-" + widths[i] + "s", r[i])).append(" |");
            }
            out.append('\n');
            if (k == 0) {
                out.append('|');
                for (int w : widths) {
                    out.append("-".repeat(w + 2)).append('|');
                }
                out.append('\n');
            }
        }
        System.out.println(out);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, d < 10 ? "%.2f" : d < 1000 ? "%.1f" : "%,.0f", d);
    }

    private Bench() {
    }

}
