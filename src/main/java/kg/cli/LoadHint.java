package kg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A hint beside the store: path, size and modification time of each file of the last load. Only a hint:
 * when it matches, kg load asks the graph's own manifest (written in the load's transaction) before
 * skipping anything; when it does not, the files are validated as always before the store is opened.
 */
final class LoadHint {

    private static final String FILE = "kg-last-load.txt";

    private LoadHint() {
    }

    static boolean matches(Path storeDir, List<Path> files) {
        Path hint = storeDir.resolve(FILE);
        try {
            return Files.isRegularFile(hint) && Files.readAllLines(hint).equals(lines(files));
        } catch (IOException e) {
            return false;
        }
    }

    static void remember(Path storeDir, List<Path> files) {
        try {
            Path tmp = storeDir.resolve(FILE + ".tmp");
            Files.write(tmp, lines(files));
            Files.move(tmp, storeDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // without the hint the next load validates first, as it would anyway
        }
    }

    static void forget(Path storeDir) {
        try {
            Files.deleteIfExists(storeDir.resolve(FILE));
        } catch (IOException e) {
            // a stale hint only makes the next load ask the graph's manifest, which decides
        }
    }

    private static List<String> lines(List<Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            lines.add(f.toAbsolutePath().normalize() + "\t" + Files.size(f) + "\t" + Files.getLastModifiedTime(f).toMillis());
        }
        return lines;
    }
}
