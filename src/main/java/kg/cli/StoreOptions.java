package kg.cli;

import java.nio.file.Path;

import kg.store.EmbeddedStore;
import kg.store.GraphStore;
import picocli.CommandLine.Option;

/** Where the store is and how it is opened; shared by every command that touches the graph. */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR", description = "Store folder (default: $KG_STORE, else .kg/store)")
    Path store;

    @Option(names = "--page-cache", paramLabel = "SIZE",
            description = "Neo4j page cache, e.g. 256m or 2g (default: $KG_PAGE_CACHE, else 256m)")
    String pageCache;

    Path storeDir() {
        if (store != null) {
            return store;
        }
        String env = System.getenv("KG_STORE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(".kg", "store");
    }

    GraphStore open() {
        String size = pageCache != null ? pageCache : System.getenv().getOrDefault("KG_PAGE_CACHE",
                EmbeddedStore.DEFAULT_PAGE_CACHE);
        return EmbeddedStore.open(storeDir(), size);
    }
}
