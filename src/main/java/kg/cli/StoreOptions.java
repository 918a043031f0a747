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
        GraphStore store = invocation.stores().open(storeDir(), size);
        markClassArchiveTraining(invocation);
        return store;
    }

    /**
     * The launcher's class-archive training run names a file in KG_CDS_TRAINING, and keeps the archive only if
     * the run created it: the classes worth archiving are the ones opening a store loads (Neo4j's). A first
     * command after a build that opens none ({@code kg query list}, {@code --help}) once left an archive of next
     * to nothing, and every later cold call took about 3 s longer until the next build.
     */
    private static void markClassArchiveTraining(Invocation invocation) {
        String marker = invocation.env("KG_CDS_TRAINING");
        if (marker != null && !marker.isBlank()) {
            try {
                java.nio.file.Files.write(Path.of(marker), new byte[0]);
            } catch (java.io.IOException | RuntimeException e) {
                // no archive this time; the next command trains again
            }
        }
    }
}
