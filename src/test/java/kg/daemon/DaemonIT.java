package kg.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import kg.store.EmbeddedStore;
import kg.testing.BigLoads;
import kg.testing.Cli;
import kg.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * kg through its daemon, as the launcher runs it: the client in a process of its own, the daemon started by
 * it. Every daemon here has this test's JVM as its owner and a short idle timeout, so none outlives the run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonIT {

    @TempDir
    static Path dir;

    private static Path runtime;
    private static Path work;
    private static Path seeded;
    private static Path plain;
    private static final Set<Path> STORES = new LinkedHashSet<>();
    private static final Path SEEDS = Path.of("seeds").toAbsolutePath();

    /** What a kg process printed and returned. */
    record Run(int exit, String out, String err) {
        static Run of(Cli cli) {
            return new Run(cli.exitCode(), cli.out(), cli.err());
        }

        /** Without the timings, which differ from run to run. */
        Run timeless() {
            return new Run(exit, timeless(out), timeless(err));
        }

        private static String timeless(String s) {
            return s.replaceAll("\\d+ ms\\)", "N ms)").replaceAll(" in \\d+\\.\\d s", " in N s");
        }
    }

    @BeforeAll
    static void seed() throws IOException {
        runtime = dir.resolve("run");
        work = Files.createDirectories(dir.resolve("work"));
        seeded = dir.resolve("seeded");
        plain = dir.resolve("plain");
        assertEquals(0, Cli.run("load", "--store", seeded.toString(), SEEDS.toString()).exitCode());
        assertEquals(0, Cli.run("load", "--store", plain.toString(), SEEDS.toString()).exitCode());
    }

    @AfterAll
    static void stopDaemons() throws IOException {
        for (Path store : STORES) {
            kg(work, Map.of(), List.of(), "daemon", "stop", "--store", store.toString());
        }
    }

    @Test
    @Order(1)
    void commandsThroughTheDaemonPrintExactlyWhatTheyPrintInProcess() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("bad.yaml"), "entities:\n  - {id: x, type: Nope, name: X}\n");
        String store = seeded.toString();
        List<List<String>> commands = List.of(
                List.of("stats", "--store", store),
                List.of("stats", "--store", store, "--format", "json"),
                List.of("query", "run", "ownership-chain", "-p", "entity=cainiao", "--store", store),
                List.of("query", "run", "ownership-chain", "-p", "entity=cainiao", "--format", "csv", "--store", store),
                List.of("query", "run", "influence-paths", "-p", "from=china", "-p", "to=liege-hub", "--format", "json",
                        "--store", store),
                List.of("query", "run", "no-such-query", "--store", store),
                List.of("cypher", "MATCH (c:Company) RETURN c.id AS id ORDER BY id LIMIT 5", "--store", store),
                List.of("cypher", "CREATE (x:Company {id: 'no'})", "--store", store),
                List.of("stats", "--bogus", "--store", store),
                List.of("export", "graphml", "-o", "-", "--store", store),
                List.of("validate", SEEDS.toString()),
                List.of("validate", bad.toString()),
                List.of("query", "list"));
        List<Run> inProcess = new ArrayList<>();
        for (List<String> c : commands) {
            inProcess.add(Run.of(Cli.run(c.toArray(String[]::new))).timeless());
        }
        for (List<String> warmUp : WarmUp.commands(seeded)) {
            Cli run = Cli.run(warmUp.toArray(String[]::new));
            assertEquals(0, run.exitCode(), "warm-up " + warmUp + ": " + run.err());
        }
        // The daemon runs these while its store opens, so they must not ask for one.
        for (List<String> warmUp : WarmUp.withoutStore()) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            kg.cli.Invocation noStore = new kg.cli.Invocation(dir, Map.of(), (d, pageCache) -> {
                throw new AssertionError("warm-up " + warmUp + " opened " + d);
            }, () -> false);
            int code = kg.cli.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), noStore,
                    false, warmUp.toArray(String[]::new));
            assertEquals(0, code, "warm-up " + warmUp + ": " + err);
            assertFalse(out.toString().isBlank(), "warm-up " + warmUp + " printed nothing");
        }
        Cli exported = Cli.run("export", "graphml", "-o", dir.resolve("in-process.graphml").toString(), "--store", store);
        assertEquals(0, exported.exitCode(), exported.err());

        Path neo4jLog = seeded.resolve("logs/debug.log");
        long logBefore = Files.size(neo4jLog);
        Run started = kg("stats", "--store", store); // starts the daemon
        assertEquals(inProcess.get(0), started.timeless());
        String daemonsLog = Files.readString(neo4jLog).substring((int) logBefore);
        assertTrue(daemonsLog.contains("Starting 'DatabaseId"), "the daemon's start is not in Neo4j's log");
        // its JVM opens java.nio to Neo4j, whose page cache otherwise copies every page through a heap buffer
        assertFalse(daemonsLog.contains("using fallback mode"), daemonsLog.lines().filter(l -> l.contains("fallback"))
                .findFirst().orElse(""));
        STORES.add(seeded);
        assertTrue(kg("daemon", "status", "--store", store).out().contains("serving " + seeded.toRealPath()));
        for (int i = 0; i < commands.size(); i++) {
            assertEquals(inProcess.get(i), kg(commands.get(i).toArray(String[]::new)).timeless(),
                    "kg " + String.join(" ", commands.get(i)));
        }
        // a relative path is the client's: the file lands in its working folder
        Run toFile = kg("export", "graphml", "-o", "through-daemon.graphml", "--store", store);
        assertEquals(0, toFile.exit(), toFile.err());
        assertEquals(Files.readString(dir.resolve("in-process.graphml")), Files.readString(work.resolve("through-daemon.graphml")));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run fromElsewhere = kg(elsewhere, Map.of(), List.of(), "export", "graphml", "-o", "x.graphml", "--store", "../seeded");
        assertEquals(0, fromElsewhere.exit(), fromElsewhere.err());
        assertTrue(Files.isRegularFile(elsewhere.resolve("x.graphml")));
    }

    @Test
    @Order(2)
    void loadsThroughTheDaemonPrintWhatTheyPrintInProcess() throws IOException {
        // the same loads, one after the other, on two stores with the same graph: in-process and through the daemon
        Path small = facts("small", BigLoads.SMALL_FACTS);
        String served = seeded.toString();
        for (String files : List.of(small.toString(), SEEDS.toString(), SEEDS.toString())) {
            Run expected = Run.of(Cli.run("load", "--store", plain.toString(), files)).timeless();
            Run actual = kg("load", "--store", served, files).timeless();
            assertEquals(expected.exit(), actual.exit(), actual.err());
            assertEquals(expected.err(), actual.err());
            assertEquals(expected.out().replace(plain.toString(), "STORE"), actual.out().replace(served, "STORE"));
        }
    }

    @Test
    @Order(3)
    void aPlainKgProcessIsToldTheStoreIsInUseAndADefaultOneIsServed() {
        String store = seeded.toString();
        assertEquals(0, kg("stats", "--store", store).exit()); // served, by a daemon started now if need be
        STORES.add(seeded);
        Run plain = kg(work, Map.of("KG_DAEMON", "0"), List.of(), "stats", "--store", store);
        assertEquals(3, plain.exit());
        assertEquals("kg: store is in use by another kg process: " + store + "\n", plain.err());
        Run noDaemon = kg("--no-daemon", "stats", "--store", store);
        assertEquals(3, noDaemon.exit());
        Cli sameJvm = Cli.run("stats", "--store", store);
        assertEquals(3, sameJvm.exitCode());
    }

    @Test
    @Order(4)
    void killingOrInterruptingTheClientMidLoadRollsTheLoadBackInTheDaemon() throws Exception {
        String store = seeded.toString();
        Path small = facts("tiny", BigLoads.SMALL_FACTS);
        assertEquals(0, kg("load", "--store", store, small.toString()).exit());
        String before = count(store);
        assertEquals("3|1", before);
        Path big = BigLoads.chain(dir);
        for (boolean kill : List.of(true, false)) {
            // SIGKILL: the daemon only sees the connection close; SIGTERM: the client waits for the rollback
            String rest = BigLoads.interruptPartWay(client(work, Map.of(), List.of(), "load", "--store", store,
                    big.toString()), dir.resolve("big-load-" + kill + ".err"), kill);
            if (!kill) {
                assertTrue(rest.contains("kg: interrupted: the unfinished change is rolled back; the graph stays as it was"),
                        rest);
                assertFalse(rest.contains("\tat "), "no stack trace: " + rest);
            }
            assertEquals(before, count(store), "the graph is the one before the interrupted load");
        }
        assertTrue(kg("daemon", "status", "--store", store).out().contains("0 running"));
        Run stop = kg("daemon", "stop", "--store", store);
        assertEquals("kg daemon: stopped (" + seeded.toRealPath() + ")\n", stop.out());
        try (EmbeddedStore free = TestStores.open(seeded)) {
            assertTrue(free.describe().contains(store), "stop lets go of the store");
        }
    }

    @Test
    @Order(5)
    void aDeadDaemonsSocketIsClearedAnOlderBuildsDaemonReplacedAndAnIdleDaemonExits() throws Exception {
        Path store = dir.resolve("rebuilt");
        Files.createDirectories(store);
        STORES.add(store);
        String s = store.toString();
        Path socket = Endpoint.of(Endpoint.realPath(store), runtimeDir()).socket();
        // A socket file nobody listens on, as a daemon killed with SIGKILL leaves behind.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        Run old = kg(work, Map.of(), List.of("-Dkg.build=old"), "stats", "--store", s);
        assertEquals(0, old.exit(), old.err());
        assertTrue(kg(work, Map.of(), List.of("-Dkg.build=old"), "daemon", "status", "--store", s).out().contains("build old"));

        // After a rebuild the old daemon is not used: it steps down and a new one serves.
        Run stats = kg(work, Map.of("KG_DAEMON_IDLE", "2s"), List.of(), "stats", "--store", s);
        assertEquals(old, stats);
        Path log = Endpoint.of(Endpoint.realPath(store), runtimeDir()).log();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String said = Files.readString(log);
        assertTrue(said.contains("stopping: a client of another build"), said);
        assertTrue(said.contains("idle timeout 2 s") && said.endsWith("stopping: idle for 2 s\n"), said);
        long pid = Long.parseLong(said.replaceAll("(?s).*\\(pid (\\d+),.*", "$1"));
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertFalse(Files.exists(socket), "the daemon removes its socket when it exits");
        assertEquals(1, kg("daemon", "status", "--store", s).exit());
        try (EmbeddedStore free = TestStores.open(store)) {
            assertTrue(free.describe().contains(s), "the store is free again");
        }
    }

    @Test
    @Order(6)
    void aCommandThatRunsOutOfTheDaemonsHeapSaysSoAndTheDaemonServesOnWithTheGraphIntact() throws Exception {
        Path store = dir.resolve("small-heap");
        STORES.add(store);
        String s = store.toString();
        Map<String, String> smallHeap = Map.of("KG_DAEMON_JAVA_OPTS", "-Xmx56m -XX:+UseParallelGC");
        assertEquals(0, kg(work, smallHeap, List.of(), "load", "--store", s, facts("tiny-heap", BigLoads.SMALL_FACTS).toString()).exit());
        String before = count(s);
        assertEquals("3|1", before);
        String daemon = kg("daemon", "status", "--store", s).out().lines().findFirst().orElse("");
        assertTrue(daemon.startsWith("kg daemon: pid "), "a daemon serves the store: " + daemon);

        Run load = kg(work, smallHeap, List.of(), "load", "--store", s, BigLoads.tooBigFor56MiB(dir).toString());
        assertEquals(1, load.exit(), load.err());
        assertTrue(load.err().contains("kg: out of memory: the Java heap ("), load.err());
        assertTrue(load.err().contains("KG_DAEMON_JAVA_OPTS for the kg daemon"), load.err());
        assertFalse(load.err().contains("\tat "), "no stack trace: " + load.err());

        // The same daemon goes on: the graph is the one before, and the next change goes through.
        assertEquals(before, count(s), "the graph is the one before the load");
        Run status = kg("daemon", "status", "--store", s);
        assertEquals(daemon, status.out().lines().findFirst().orElse(""), "the same daemon");
        Path more = facts("more-heap", BigLoads.SMALL_FACTS.replace("acme", "acme-two"));
        Run next = kg(work, smallHeap, List.of(), "load", "--store", s, more.toString());
        assertEquals(0, next.exit(), next.err());
    }

    private static Path facts(String name, String content) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("facts.yaml"), content);
        return folder;
    }

    private static Path runtimeDir() throws IOException {
        Files.createDirectories(runtime);
        Files.setPosixFilePermissions(runtime, Endpoint.OWNER_ONLY);
        return runtime;
    }

    private static String count(String store) {
        return kg("cypher", "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r", "--store", store,
                "--format", "csv").out().lines().skip(1).findFirst().orElse("").replace(",", "|");
    }

    private static Run kg(String... args) {
        return kg(work, Map.of(), List.of(), args);
    }

    private static Run kg(Path cwd, Map<String, String> env, List<String> jvm, String... args) {
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process p = client(cwd, env, jvm, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "kg " + String.join(" ", args) + " ended");
            Charset cs = Charset.defaultCharset();
            return new Run(p.exitValue(), Files.readString(out, cs), Files.readString(err, cs));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kg client as the launcher runs it, on this test's class path, with its daemons tied to this JVM. */
    private static ProcessBuilder client(Path cwd, Map<String, String> env, List<String> jvm, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Client.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("KG_"));
        Map<String, String> all = new HashMap<>(Map.of("KG_RUNTIME_DIR", runtime.toString(), "KG_DAEMON_IDLE", "600s",
                "KG_DAEMON_OWNER", Long.toString(ProcessHandle.current().pid()), "KG_PAGE_CACHE", "32m",
                "KG_DAEMON_WARMUP", "0"));
        all.putAll(env);
        environment.putAll(all);
        return pb;
    }
}
