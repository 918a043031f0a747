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
        Invocation invocation = Invocation.current();
        String env = invocation.env("KG_STORE");
        return invocation.path(env != null && !env.isBlank() ? env : ".kg/store");
    }

    GraphStore open() {
        Invocation invocation = Invocation.current();
        String env = invocation.env("KG_PAGE_CACHE");
        String size = pageCache != null ? pageCache : env != null ? env : EmbeddedStore.DEFAULT_PAGE_CACHE;
        return invocation.stores().open(storeDir(), size);
    }
}
