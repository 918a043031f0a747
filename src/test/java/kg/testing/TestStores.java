package kg.testing;

import java.nio.file.Path;
import java.util.Map;

import kg.store.EmbeddedStore;

/** Opens real embedded stores for tests, with a small page cache. Share one per test class (@BeforeAll). */
public final class TestStores {

    private TestStores() {
    }

    public static EmbeddedStore open(Path dir) {
        return EmbeddedStore.open(dir, "32m");
    }

    /** A store holding what one write statement creates: a graph kg's own facts would never make. */
    public static EmbeddedStore written(Path dir, String cypher, Map<String, Object> parameters) {
        EmbeddedStore store = open(dir);
        store.write(tx -> tx.run(cypher, parameters).list());
        return store;
    }
}
