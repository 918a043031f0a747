package kg.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import kg.store.EmbeddedStore;
import kg.store.GraphStore;

/**
 * Who asked for this run of kg: the working folder relative paths are read against, the environment kg
 * looks at (KG_STORE, KG_PAGE_CACHE, KG_QUERIES, KG_SCHEMA), and how stores are opened. A plain run is the
 * process itself; a run in the kg daemon is a client's, which may sit in another folder than the daemon.
 */
public record Invocation(Path cwd, Map<String, String> env, Stores stores, BooleanSupplier cancelled) {

    /** Opens the store in a folder; the daemon hands out the one it holds open instead. */
    @FunctionalInterface
    public interface Stores {
        GraphStore open(Path dir, String pageCache);
    }

    private static final Path PROCESS_CWD = Path.of("").toAbsolutePath();

    private static final Invocation PROCESS = new Invocation(PROCESS_CWD, System.getenv(), EmbeddedStore::open, () -> false);

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    public Invocation {
        cwd = cwd.toAbsolutePath().normalize();
        env = Map.copyOf(env);
    }

    /** The run under way on this thread: the client's in the daemon, else this process's own. */
    public static Invocation current() {
        Invocation i = CURRENT.get();
        return i != null ? i : PROCESS;
    }

    static Invocation process() {
        return PROCESS;
    }

    /** Runs work as this invocation on the current thread. */
    <T> T in(java.util.function.Supplier<T> work) {
        Invocation before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    public String env(String name) {
        return env.get(name);
    }

    /**
     * A path as the user typed it, read against their working folder. In the process's own folder it is left
     * as typed, so that messages quote it exactly as a run without the daemon would.
     */
    public Path path(String typed) {
        Path p = Path.of(typed);
        return p.isAbsolute() || cwd.equals(PROCESS_CWD) ? p : cwd.resolve(p);
    }
}
