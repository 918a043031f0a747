package kg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/kg}, run as installed: {@code bin/} and {@code lib/*.jar} (kg's classes jarred
 * from the build, every other jar of the test class path linked in). {@code mvn test} does not build the
 * distribution, so this lays one out.
 */
class DistributionLauncherIT {

    @TempDir
    static Path dir;

    private static Path home;

    @BeforeAll
    static void layOut() throws IOException {
        home = dir.resolve("kg");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path launcher = Files.copy(Path.of("src/dist/bin/kg"), bin.resolve("kg"));
        assertTrue(launcher.toFile().setExecutable(true));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        jar(Path.of("target/classes"), lib.resolve("kg.jar"));
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            // folders too, as Maven's jar has them: kg finds its resource folders (kg/queries) by their entries
            for (Path f : (Iterable<Path>) files.filter(f -> !f.equals(classes))::iterator) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                boolean folder = Files.isDirectory(f);
                out.putNextEntry(new JarEntry(folder ? name + "/" : name));
                if (!folder) {
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * Every run answers: the launcher once found the newest jar with {@code ls -t | head -1} under pipefail,
     * which now and then ended it with SIGPIPE (exit 141, nothing printed; 3 runs of 40 on a 2-core machine).
     */
    @Test
    void everyRunAnswers() throws Exception {
        for (int i = 0; i < 12; i++) {
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", home.resolve("bin/kg").toString(), "--version"))
                    .redirectErrorStream(true);
            pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/kg --version did not end");
            assertEquals(0, p.exitValue(), "run " + i + ": " + out);
            assertTrue(out.startsWith("kg ") && out.contains("Neo4j 5.26"), "run " + i + ": " + out);
        }
    }

    /**
     * The class archive is kept from a first run that opened a store, not from one that opened none: such a run
     * once left an archive of next to nothing (4 MB, against about 120 MB), and cold calls took seconds longer
     * until the next build.
     */
    @Test
    void theClassArchiveComesFromARunThatOpenedAStore() throws Exception {
        Path cache = dir.resolve("cache-training");
        assertEquals(0, run(cache, "query", "list"));
        assertEquals(List.of(), files(cache), "a run that opened no store left an archive");
        assertEquals(0, run(cache, "stats", "--store", dir.resolve("store").toString()));
        List<Path> left = files(cache);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).toString().endsWith(".jsa"), left.toString());
        assertTrue(Files.size(left.get(0)) > 50L << 20, "archive of " + Files.size(left.get(0)) + " bytes");
        // the launcher opens java.nio to Neo4j, whose page cache otherwise copies every page through a heap buffer
        assertFalse(Files.readString(dir.resolve("store/logs/debug.log")).contains("using fallback mode"));
    }

    private static int run(Path cache, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("bin/kg").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("KG_DAEMON_OWNER", Long.toString(ProcessHandle.current().pid()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/kg " + String.join(" ", args) + " did not end");
        assertTrue(p.exitValue() == 0, "bin/kg " + String.join(" ", args) + ": " + out);
        return p.exitValue();
    }

    private static List<Path> files(Path cache) throws IOException {
        Path folder = cache.resolve("kg");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
