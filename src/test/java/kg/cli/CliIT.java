package kg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import kg.store.EmbeddedStore;
import kg.testing.Cli;
import kg.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: output, exit codes, the store lock, and a kill part-way through a load. */
class CliIT {

    @TempDir
    static Path dir;

    static final String FACTS = kg.testing.BigLoads.SMALL_FACTS;


    private static Path facts(String name, String content) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("facts.yaml"), content);
        return folder;
    }

    @Test
    void validateExitCodes() throws IOException {
        Cli ok = Cli.run("validate", facts("valid", FACTS).toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("valid: 1 files, 1 sources, 2 entities, 1 relationships\n", ok.out());

        Path bad = facts("invalid", FACTS.replace("share: 0.5", "share: 5").replace("name: Beta", "nme: Beta"));
        // beta is still declared, so the relationship to it adds no second problem
        Cli invalid = Cli.run("validate", bad.toString());
        assertEquals(1, invalid.exitCode());
        assertEquals("", invalid.out(), "problems are diagnostics, on stderr");
        String file = bad.resolve("facts.yaml").toString();
        assertTrue(invalid.err().contains(file + ":5:5: missing required property `name` for Company"), invalid.err());
        assertTrue(invalid.err().contains(file + ":5:31: unknown property `nme` for Company"), invalid.err());
        assertTrue(invalid.err().contains(file + ":7:47: `share` is 5, outside 0..1"), invalid.err());
        assertTrue(invalid.err().contains("3 problems in 1 file"), invalid.err());
        assertFalse(invalid.err().contains("\tat "), "no stack trace for a user mistake");

        Cli missing = Cli.run("validate", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("kg: " + dir.resolve("nowhere") + ": no such file or folder\n", missing.err());
        assertEquals(2, Cli.run("validate").exitCode(), "a path is required");
        assertEquals(2, Cli.run("frobnicate").exitCode());
    }

    @Test
    void loadReportsWhatChangedAndStatsCountsIt() throws IOException {
        String store = dir.resolve("store-load").toString();
        Path folder = facts("load", FACTS);
        Cli first = Cli.run("load", "--store", store, folder.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("entities:             2 created        0 updated        0 removed        0 unchanged"),
                first.out());
        assertTrue(first.out().contains("relationships:        1 created"), first.out());

        Cli again = Cli.run("load", "--store", store, folder.toString());
        assertTrue(again.out().contains("entities:             0 created        0 updated        0 removed        2 unchanged"),
                again.out());

        Cli stats = Cli.run("stats", "--store", store, "--format", "json");
        assertEquals(0, stats.exitCode(), stats.err());
        assertEquals("{\"nodes\":{\"Company\":2,\"Source\":1},\"relationships\":{\"OWNS\":1},\"totalNodes\":3,"
                + "\"totalRelationships\":1}\n", stats.out());
        Cli table = Cli.run("stats", "--store", store);
        assertTrue(table.out().contains("Company              2"), table.out());
    }

    @Test
    void invalidFactsLeaveTheStoreAsItWas() throws IOException {
        String store = dir.resolve("store-invalid").toString();
        assertEquals(0, Cli.run("load", "--store", store, facts("before", FACTS).toString()).exitCode());
        Cli bad = Cli.run("load", "--store", store,
                facts("after", FACTS.replace("name: Beta", "name: Beta Renamed") + "  - {type: OWNS, from: acme, to: gamma,"
                        + " status: reported, sources: [s1]}\n").toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("reference to undeclared id `gamma`"), bad.err());
        assertTrue(bad.err().contains("kg: nothing was loaded: the facts have problems"), bad.err());
        assertEquals("", bad.out());
        Cli stats = Cli.run("stats", "--store", store, "--format", "json");
        assertTrue(stats.out().contains("\"totalNodes\":3"), stats.out());
        try (EmbeddedStore s = TestStores.open(Path.of(store))) {
            assertEquals("Beta", s.read(tx -> tx.run("MATCH (n:Company {id: 'beta'}) RETURN n.name AS n").single().get("n")));
        }
    }

    @Test
    void aSecondProcessOnTheSameStoreGetsOneLineAndExitCode3() throws Exception {
        Path store = dir.resolve("store-locked");
        try (EmbeddedStore held = TestStores.open(store)) {
            Cli sameJvm = Cli.run("stats", "--store", store.toString());
            assertEquals(3, sameJvm.exitCode());
            assertEquals("kg: store is in use by another kg process: " + store + "\n", sameJvm.err());

            Process other = kg("stats", "--store", store.toString()).start();
            String err = new String(other.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(other.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, other.exitValue(), err);
            assertEquals("kg: store is in use by another kg process: " + store + "\n", err);
        }
    }

    @Test
    void aKillPartWayThroughALoadLeavesThePreviousGraphIntact() throws Exception {
        Path store = dir.resolve("store-killed");
        String before = loadSmallThenInterruptABigLoad(store, true);
        assertEquals(before, count(store), "the graph is the one before the killed load");
    }

    @Test
    void ctrlCOrSigtermPartWayThroughALoadRollsItBackAndSaysSo() throws Exception {
        Path store = dir.resolve("store-terminated");
        String rest = loadSmallThenInterruptABigLoad(store, false);
        assertEquals("3 nodes, 1 relationships", count(store), "the graph is the one before the interrupted load");
        assertTrue(rest.contains("kg: interrupted: the unfinished change is rolled back; the graph stays as it was"), rest);
        assertFalse(rest.contains("\tat "), "no stack trace: " + rest);
    }

    @Test
    void aLoadThatRunsOutOfHeapSaysSoInOneLineAndLeavesThePreviousGraphIntact() throws Exception {
        Path store = dir.resolve("store-small-heap");
        assertEquals(0, Cli.run("load", "--store", store.toString(), facts("small-heap", FACTS).toString()).exitCode());
        String before = count(store);
        Path big = kg.testing.BigLoads.tooBigFor56MiB(dir);
        Path errFile = dir.resolve("load-err-heap.txt");
        Process p = kg(List.of("-Xmx56m", "-XX:+UseParallelGC"), "load", "--store", store.toString(), big.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly(); // before the fix it ended in a stack trace, or never (GC thrashing)
        }
        assertTrue(ended, "the load ended");
        String err = Files.readString(errFile);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("kg: out of memory: the Java heap ("), err);
        assertTrue(err.contains("nothing was written, the graph stays as it was"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertEquals(before, count(store), "the graph is the one before the load");
    }

    /**
     * Loads a small graph, then starts a big load in another process and, once it reports progress, kills it
     * (SIGKILL, no shutdown hook runs) or terminates it (SIGTERM, as Ctrl-C: hooks run). Returns, for a kill,
     * the graph counts before; for a termination, what the process printed on stderr after its progress line.
     */
    private static String loadSmallThenInterruptABigLoad(Path store, boolean kill) throws Exception {
        assertEquals(0, Cli.run("load", "--store", store.toString(), facts("small-" + kill, FACTS).toString()).exitCode());
        String before = count(store);
        assertEquals("3 nodes, 1 relationships", before);
        Path big = kg.testing.BigLoads.chain(dir);
        // stderr goes to a file: destroying a process closes its pipes, and what it says after the signal matters
        String rest = kg.testing.BigLoads.interruptPartWay(kg("load", "--store", store.toString(), big.toString()),
                dir.resolve("load-err-" + kill + ".txt"), kill);
        return kill ? before : rest;
    }

    private static String count(Path store) {
        try (EmbeddedStore s = TestStores.open(store)) {
            return s.read(tx -> {
                Object nodes = tx.run("MATCH (n) RETURN count(n) AS c").single().get("c");
                Object rels = tx.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c");
                return nodes + " nodes, " + rels + " relationships";
            });
        }
    }

    /** kg in a process of its own, on this test's class path. */
    private static ProcessBuilder kg(String... args) {
        return kg(List.of(), args);
    }

    /** kg in a process of its own with these JVM options. */
    private static ProcessBuilder kg(List<String> jvm, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
