package kg.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The client side of the kg daemon: finds, starts, asks and stops the daemon of a store. Uses only java.base. */
public final class Daemons {

    /** How long a daemon may sit idle before it exits, when KG_DAEMON_IDLE does not say. */
    static final long DEFAULT_IDLE_SECONDS = 15 * 60;

    private Daemons() {
    }

    /** How a daemon is started: its page cache, idle timeout, and a process whose end it must not outlive. */
    public record Settings(String pageCache, long idleSeconds, String owner) {

        /** From the environment: KG_PAGE_CACHE, KG_DAEMON_IDLE (90s, 15m, 1h or seconds), KG_DAEMON_OWNER (a pid). */
        public static Settings of(Map<String, String> env, String pageCache) {
            String pc = pageCache != null ? pageCache : env.getOrDefault("KG_PAGE_CACHE", "256m");
            return new Settings(pc, seconds(env.get("KG_DAEMON_IDLE")), env.get("KG_DAEMON_OWNER"));
        }

        static long seconds(String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT_IDLE_SECONDS;
            }
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            long unit = t.endsWith("h") ? 3600 : t.endsWith("m") ? 60 : 1;
            try {
                return Math.max(1, Long.parseLong(t.replaceAll("[smh]$", "")) * unit);
            } catch (NumberFormatException e) {
                return DEFAULT_IDLE_SECONDS;
            }
        }
    }

    /** A daemon of another build answered: it is on its way out and must be waited for, then replaced. */
    static final class Refused extends Exception {
        final long pid;

        Refused(String reason, long pid) {
            super(reason, null, false, false);
            this.pid = pid;
        }
    }

    /** A connection to the store's daemon, or empty when none answers (a socket nobody answers on is removed). */
    static Optional<SocketChannel> connect(Endpoint endpoint) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(endpoint.socket()));
            return Optional.of(channel);
        } catch (IOException e) {
            close(channel);
            return Optional.empty();
        }
    }

    /**
     * Connects to the store's daemon, starting one if none answers. Empty when no daemon could be started
     * (the store is held by a kg process that is not a daemon, or the daemon failed: see its log).
     */
    static Optional<SocketChannel> connectOrStart(Endpoint endpoint, Settings settings) throws IOException {
        Optional<SocketChannel> running = connect(endpoint);
        if (running.isPresent()) {
            return running;
        }
        // One client starts the daemon; the others wait for the lock and then find it running.
        try (FileChannel lockFile = FileChannel.open(endpoint.startLock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            running = connect(endpoint);
            if (running.isPresent()) {
                return running;
            }
            Files.deleteIfExists(endpoint.socket()); // a dead daemon's: nobody answers on it
            Process daemon = spawn(endpoint, settings);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                running = connect(endpoint);
                if (running.isPresent() || !daemon.isAlive()) {
                    return running;
                }
                sleep(20);
            }
            return Optional.empty();
        }
    }

    /** Lets Neo4j's page cache swap pages in place rather than through a heap buffer per page (its "fallback mode"). */
    static final String NIO_OPEN = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static Process spawn(Endpoint endpoint, Settings settings) throws IOException {
        List<String> command = new ArrayList<>();
        // A session of its own: Ctrl-C in the terminal that started it goes to the client, not to the daemon.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(NIO_OPEN);
        String opts = System.getenv("KG_DAEMON_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Daemon.class.getName(),
                "--store", endpoint.store().toString(), "--socket", endpoint.socket().toString(),
                "--idle", Long.toString(settings.idleSeconds()), "--page-cache", settings.pageCache(),
                "--build", Endpoint.build()));
        if (settings.owner() != null) {
            command.addAll(List.of("--owner", settings.owner()));
        }
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(endpoint.log().toFile()))
                .start();
    }

    /** Runs a request on a connection; frames of output go to the given streams. Returns the exit code. */
    static int exchange(SocketChannel channel, Wire.Request request, OutputStream out, OutputStream err)
            throws IOException, Refused {
        request.write(new DataOutputStream(new BufferedOutputStream(Wire.out(channel), 1 << 14)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(Wire.in(channel), 1 << 16));
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int tag = in.read();
            if (tag < 0) {
                throw Wire.closed();
            }
            int length = in.readInt();
            switch (tag) {
                case Wire.EXIT -> {
                    return in.readInt();
                }
                case Wire.REFUSED -> {
                    byte[] b = in.readNBytes(length);
                    String[] reason = new String(b, StandardCharsets.UTF_8).split("\n", 2);
                    throw new Refused(reason.length > 1 ? reason[1] : "", Long.parseLong(reason[0]));
                }
                default -> {
                    OutputStream target = tag == Wire.OUT ? out : err;
                    while (length > 0) {
                        int n = in.read(buffer, 0, Math.min(length, buffer.length));
                        if (n < 0) {
                            throw Wire.closed();
                        }
                        try {
                            target.write(buffer, 0, n);
                        } catch (IOException e) {
                            // the reader went away (kg ... | head): the rest is dropped, as a plain run drops it
                        }
                        length -= n;
                    }
                    try {
                        target.flush();
                    } catch (IOException e) {
                        // as above
                    }
                }
            }
        }
    }

    static Wire.Request request(Wire.Kind kind, Endpoint endpoint, List<String> args) {
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        System.getenv().forEach((k, v) -> {
            // what kg reads, and what picocli reads to decide on colours in help
            if (k.startsWith("KG_") || k.equals("NO_COLOR") || k.startsWith("CLICOLOR") || k.equals("TERM")) {
                env.put(k, v);
            }
        });
        return new Wire.Request(kind, Endpoint.build(), endpoint.store().toString(),
                Path.of("").toAbsolutePath().toString(), args, env, System.console() != null,
                Charset.defaultCharset().name());
    }

    /** What the store's daemon says about itself, or empty when none is running. */
    public static Optional<String> status(Path storeDir) throws IOException {
        Endpoint endpoint = Endpoint.forStore(storeDir);
        Optional<SocketChannel> channel = connect(endpoint);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel c = channel.get()) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            exchange(c, request(Wire.Kind.STATUS, endpoint, List.of()), text, OutputStream.nullOutputStream());
            return Optional.of(text.toString(StandardCharsets.UTF_8));
        } catch (Refused e) {
            return Optional.empty();
        }
    }

    /** Stops the store's daemon and waits for it to let go of the store; false when none was running. */
    public static boolean stop(Path storeDir) throws IOException {
        return stop(Endpoint.forStore(storeDir));
    }

    static boolean stop(Endpoint endpoint) throws IOException {
        Optional<SocketChannel> channel = connect(endpoint);
        if (channel.isEmpty()) {
            return false;
        }
        java.io.ByteArrayOutputStream pid = new java.io.ByteArrayOutputStream();
        try (SocketChannel c = channel.get()) {
            exchange(c, request(Wire.Kind.STOP, endpoint, List.of()), pid, OutputStream.nullOutputStream());
        } catch (Refused e) {
            awaitExit(e.pid);
            return true;
        }
        awaitExit(Long.parseLong(pid.toString(StandardCharsets.UTF_8).trim()));
        return true;
    }

    /** Starts the store's daemon unless one is running; true when one is running afterwards. */
    public static boolean start(Path storeDir, Settings settings) throws IOException {
        Endpoint endpoint = Endpoint.forStore(storeDir);
        Optional<SocketChannel> channel = connectOrStart(endpoint, settings);
        channel.ifPresent(Daemons::close);
        return channel.isPresent();
    }

    /** The daemon's log, for messages. */
    public static Path log(Path storeDir) throws IOException {
        return Endpoint.forStore(storeDir).log();
    }

    static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                // still there after two minutes: the caller finds the store in use and says so
            }
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void close(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
