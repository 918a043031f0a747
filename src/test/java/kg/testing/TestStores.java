package kg.testing;

import java.nio.file.Path;

import kg.store.EmbeddedStore;

/** Opens real embedded stores for tests, with a small page cache. Share one per test class (@BeforeAll). */
public final class TestStores {

    private TestStores() {
    }

    public static EmbeddedStore open(Path dir) {
        return EmbeddedStore.open(dir, "32m");
    }
}
