package kg.daemon;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the kg launcher runs. When a kg daemon serves the store (or one can be started), the command runs
 * there and this process only passes its output on; otherwise kg runs here, in-process. Loads nothing beyond
 * java.base until it knows which: neither Neo4j nor picocli.
 *
 * <p>KG_DAEMON=0 or --no-daemon: always in-process. KG_DAEMON unset or 1: use the daemon, starting one for
 * commands that open the store.
 */
public final class Client {

    /** Commands the daemon runs: all of kg's but {@code generate} (no store, long) and {@code daemon} itself. */
    private static final Set<String> SERVED = Set.of("validate", "load", "stats", "schema", "query", "cypher", "export");

    /** Commands that open the store, and so are worth starting a daemon for. */
    private static final Set<String> OPEN_STORE = Set.of("load", "stats", "cypher", "export");

    private Client() {
    }

    public static void main(String[] argv) {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean noDaemon = args.remove("--no-daemon") | off(System.getenv("KG_DAEMON"));
        if (noDaemon || args.isEmpty() || !SERVED.contains(args.get(0))) {
            inProcess(args);
            return;
        }
        Endpoint endpoint;
        try {
            endpoint = Endpoint.forStore(storeDir(args));
        } catch (IOException e) {
            System.err.println("kg: not using the kg daemon: " + e.getMessage());
            inProcess(args);
            return;
        }
        String trainingMarker = System.getenv("KG_CDS_TRAINING");
        boolean training = trainingMarker != null && !trainingMarker.isBlank();
        try {
            if (training) {
                // The launcher is recording which classes kg loads: they must load here, not in a daemon.
                Daemons.stop(endpoint);
                int code = kg.cli.Main.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                        args.toArray(String[]::new));
                if (code == 0 && Files.exists(Path.of(trainingMarker)) && !off(System.getenv("KG_DAEMON_WARMUP"))) {
                    WarmUp.inProcess(endpoint.store(), Daemons.Settings.of(System.getenv(), option(args, "--page-cache")).pageCache());
                }
                System.exit(code);
            }
            if (args.get(0).equals("load") && factBytes(args) >= kg.load.Loader.BULK_MIN_BYTES) {
                // A big load runs here: with the full JIT (the daemon compiles with C1 only, for fast starts) and,
                // into an empty store, through the bulk importer, which swaps databases under a store the daemon
                // shares. The daemon holds the store, so it is stopped first; the next command starts another.
                if (Daemons.stop(endpoint)) {
                    System.err.println("kg: a large load runs in its own process; the kg daemon for this store was stopped");
                }
                inProcess(args);
                return;
            }
            boolean start = startsDaemon(args);
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<SocketChannel> channel = start
                        ? Daemons.connectOrStart(endpoint, Daemons.Settings.of(System.getenv(), option(args, "--page-cache")))
                        : Daemons.connect(endpoint);
                if (channel.isEmpty()) {
                    break;
                }
                try {
                    System.exit(new Session(channel.get()).run(Daemons.request(Wire.Kind.RUN, endpoint, args)));
                } catch (Daemons.Refused stale) {
                    Daemons.awaitExit(stale.pid); // a daemon of an older build: it exits, and a new one takes over
                }
            }
        } catch (IOException e) {
            System.err.println("kg: lost the kg daemon (" + e.getMessage() + "); its log: " + endpoint.log());
            System.exit(1);
        }
        inProcess(args);
    }

    private static void inProcess(List<String> args) {
        kg.cli.Main.main(args.toArray(String[]::new));
    }

    static boolean off(String setting) {
        return setting != null && Set.of("0", "off", "false", "no").contains(setting.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean startsDaemon(List<String> args) {
        boolean help = args.contains("--help") || args.contains("-h");
        return !help && (OPEN_STORE.contains(args.get(0)) || args.get(0).equals("query") && args.contains("run"));
    }

    /** Options of {@code load} that take a value (which is not a fact file). */
    private static final Set<String> LOAD_VALUE_OPTIONS = Set.of("--store", "--page-cache", "--schema", "--sources-dir");

    /** Bytes of the fact files a {@code load} names (as {@code FactSet} finds them: *.yaml and *.yml in folders). */
    static long factBytes(List<String> args) {
        long bytes = 0;
        boolean positionalOnly = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!positionalOnly && a.equals("--")) {
                positionalOnly = true;
            } else if (!positionalOnly && LOAD_VALUE_OPTIONS.contains(a)) {
                i++;
            } else if (positionalOnly || !a.startsWith("-")) {
                bytes += yamlBytes(Path.of(a));
            }
        }
        return bytes;
    }

    private static long yamlBytes(Path path) {
        if (!Files.isDirectory(path)) {
            return Files.isRegularFile(path) ? path.toFile().length() : 0;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(p))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // the load itself reports what cannot be read
        }
    }

    /** The store folder, as kg's --store / KG_STORE / .kg/store would find it. */
    static Path storeDir(List<String> args) {
        String store = option(args, "--store");
        String env = System.getenv("KG_STORE");
        if (store == null) {
            store = env != null && !env.isBlank() ? env : ".kg/store";
        }
        return Path.of(store).toAbsolutePath();
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size() && !args.get(i).equals("--"); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * One command run by the daemon. Ctrl-C or SIGTERM here ends this side of the connection, which tells
     * the daemon to stop the command and roll its transaction back; this process waits for it to say so.
     * (After SIGKILL the connection closes all the same, and the daemon does the same without being watched.)
     */
    private static final class Session {
        private final SocketChannel channel;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean done;
        private volatile boolean interrupted;

        Session(SocketChannel channel) {
            this.channel = channel;
        }

        int run(Wire.Request request) throws IOException, Daemons.Refused {
            Thread hook = new Thread(this::interrupt, "kg-client-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            int code;
            try {
                code = Daemons.exchange(channel, request, new FileOutputStream(FileDescriptor.out),
                        new FileOutputStream(FileDescriptor.err));
            } catch (Daemons.Refused e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                Daemons.close(channel);
                throw e;
            } finally {
                done = true;
            }
            if (interrupted) {
                finished.countDown();
                Daemons.sleep(Long.MAX_VALUE); // the JVM is exiting with the signal's code
            }
            return code;
        }

        private void interrupt() {
            interrupted = true;
            if (done) {
                return;
            }
            try {
                channel.shutdownOutput();
                finished.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the daemon sees the connection close when this process is gone
            }
        }
    }
}
