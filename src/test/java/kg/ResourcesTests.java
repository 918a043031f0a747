package kg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders shipped in kg's jar (the schema, the saved queries) are read by commands the daemon runs side by side. */
class ResourcesTests {

    @TempDir
    Path tmp;

    @Test
    void aFolderInAJarCanBeReadFromManyThreadsAtOnce() throws Exception {
        Path jar = tmp.resolve("kg-test.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("queries/"));
            out.putNextEntry(new JarEntry("queries/a.cypher"));
            out.write("RETURN 1".getBytes());
            out.closeEntry();
        }
        URL folder = new URL("jar:" + jar.toUri() + "!/queries");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                reads.add(pool.submit(() -> Resources.withDirectory(folder, dir -> read(dir.resolve("a.cypher")))));
            }
            for (Future<String> read : reads) {
                assertEquals("RETURN 1", read.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
