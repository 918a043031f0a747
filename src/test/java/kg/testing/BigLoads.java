package kg.testing;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Loads big enough to be interrupted part-way: they run for a while and report progress. */
public final class BigLoads {

    /** Three nodes and one relationship: the graph to load before a big load is interrupted. */
    public static final String SMALL_FACTS = """
            sources:
              - {id: s1, title: A report}
            entities:
              - {id: acme, type: Company, name: Acme}
              - {id: beta, type: Company, name: Beta}
            relationships:
              - {type: OWNS, from: acme, to: beta, share: 0.5, status: reported, sources: [s1]}
            """;

    private BigLoads() {
    }

    /**
     * Starts a load in a process of its own and, once it reports progress, kills it (SIGKILL: no shutdown hook
     * runs) or terminates it (SIGTERM, as Ctrl-C: hooks run). Returns what it printed on stderr after its
     * progress line.
     */
    public static String interruptPartWay(ProcessBuilder load, Path errFile, boolean kill) throws Exception {
        Process p = load.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.readString(errFile).contains("facts processed") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String progress = Files.readString(errFile);
        assertTrue(progress.contains("facts processed"), "the load printed progress before it ended: " + progress);
        assertTrue(p.isAlive(), "the load is still running when it is interrupted");
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), "an interrupted load does not report success");
        return Files.readString(errFile).substring(progress.length());
    }

    /**
     * {@code parent/big}: a chain of 70,000 companies, long enough to interrupt part-way; written by the first test
     * of a class that asks for it, shared by the rest.
     */
    public static Path chain(Path parent) throws IOException {
        Path big = parent.resolve("big");
        if (!Files.isDirectory(big)) {
            write(Files.createDirectories(big), 70_000);
        }
        return big;
    }

    /** A chain of companies, each owning the next. */
    public static void write(Path folder, int entities) throws IOException {
        write(folder, entities, 40_000);
    }

    private static void write(Path folder, int entities, int perFile) throws IOException {
        for (int file = 0; file * perFile < entities; file++) {
            try (Writer w = Files.newBufferedWriter(folder.resolve("part-" + file + ".yaml"))) {
                if (file == 0) {
                    w.write("sources:\n  - {id: s1, title: Bulk}\n");
                }
                w.write("entities:\n");
                for (int i = file * perFile; i < Math.min(entities, (file + 1) * perFile); i++) {
                    w.write("  - {id: c" + i + ", type: Company, name: Company " + i + "}\n");
                }
                w.write("relationships:\n");
                for (int i = Math.max(1, file * perFile); i < Math.min(entities, (file + 1) * perFile); i++) {
                    w.write("  - {type: OWNS, from: c" + (i - 1) + ", to: c" + i + ", share: 0.5, status: reported,"
                            + " sources: [s1]}\n");
                }
            }
        }
    }

    /**
     * {@code parent/huge}: a chain of 100,000 companies in one file of about 14 MB. kg reads a file of up to 32 MiB
     * whole (FactFileReader), and that text, held twice while it becomes one string, does not fit beside Neo4j in a
     * 56 MiB heap: the load runs out at once, on any machine. It stays under {@link kg.load.Loader#BULK_MIN_BYTES}, so
     * a client sends it to the kg daemon rather than load it in a process of its own. Many small facts are no good
     * for this: kg holds about 40 bytes of heap per fact (Neo4j keeps the transaction's state off the heap), so they
     * run out, if at all, at the heap's edge, where the collector may thrash for many minutes first (on CI it did,
     * with the 70,000-company chain).
     */
    public static Path tooBigFor56MiB(Path parent) throws IOException {
        Path huge = parent.resolve("huge");
        if (!Files.isDirectory(huge)) {
            write(Files.createDirectories(huge), 100_000, 100_000);
        }
        return huge;
    }
}
