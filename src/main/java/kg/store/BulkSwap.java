package kg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a bulk-imported database in place of the store's own, so that a kill at any moment leaves either
 * the old graph or the complete new one. The import is written under {@code kg-import/} in the store folder;
 * once it is complete, the marker {@code kg-swap} is written (the commit point), then the database and
 * transaction-log folders are moved in one by one. Every step can be run again, so a store opened with the
 * marker present finishes the swap; without the marker, a leftover {@code kg-import/} is only deleted.
 */
final class BulkSwap {

    /** The folders of the default database, relative to the store folder (Neo4j's standard layout). */
    private static final List<String> DATABASE_FOLDERS = List.of("data/databases/neo4j", "data/transactions/neo4j");

    private BulkSwap() {
    }

    static Path staging(Path store) {
        return store.resolve("kg-import");
    }

    /** Marks the import complete, then swaps it in. Neo4j must not have the store open. */
    static void commit(Path store) {
        try {
            Path tmp = store.resolve("kg-swap.tmp");
            Files.writeString(tmp, "bulk import complete: move kg-import/ into place\n");
            Files.move(tmp, marker(store), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finish(store);
    }

    /** Completes a committed swap, or drops an uncommitted import; nothing to do in the usual case. */
    static void finish(Path store) {
        try {
            if (Files.exists(marker(store))) {
                Path replaced = store.resolve("kg-replaced");
                for (String folder : DATABASE_FOLDERS) {
                    Path fresh = staging(store).resolve(folder);
                    Path live = store.resolve(folder);
                    if (Files.exists(fresh)) {
                        if (Files.exists(live)) {
                            Path old = replaced.resolve(folder);
                            clear(old);
                            Files.createDirectories(old.getParent());
                            Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
                        }
                        Files.createDirectories(live.getParent());
                        Files.move(fresh, live, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                Files.delete(marker(store));
                clear(replaced);
            }
            clear(staging(store));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clear(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path marker(Path store) {
        return store.resolve("kg-swap");
    }
}
