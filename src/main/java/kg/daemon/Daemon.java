package kg.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import kg.UserError;
import kg.cli.Invocation;
import kg.cli.Main;
import kg.store.EmbeddedStore;
import kg.store.GraphStore;

/**
 * The kg daemon: one JVM that holds one store open (and so its lock) and runs kg commands for clients over a
 * Unix domain socket, keeping Neo4j, the Cypher plan cache and the JIT warm between calls.
 *
 * <p>Reads run side by side; {@code load}, the one command that writes, runs alone: it waits for the reads
 * under way and holds the others back, so every command still sees one committed graph, as it would running
 * on its own. Each command is still one transaction. The daemon exits when idle for its timeout, on
 * {@code kg daemon stop}, when a client of a newer build asks for it, and with its owner process if it has
 * one (tests give theirs).
 */
public final class Daemon {

    private final EmbeddedStore store;
    private final Path storeDir;
    private final Path socket;
    private final String build;
    private final Duration idle;
    private final ServerSocketChannel server;
    private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock(true);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Instant started = Instant.now();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** How long the warm-up waits for the first client's command to arrive before it starts anyway. */
    private static final Duration FIRST_COMMAND_WAIT = Duration.ofSeconds(2);

    private Daemon(EmbeddedStore store, Path storeDir, Path socket, String build, Duration idle,
                   ServerSocketChannel server) {
        this.store = store;
        this.storeDir = storeDir;
        this.socket = socket;
        this.build = build;
        this.idle = idle;
        this.server = server;
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            options.put(argv[i], argv[i + 1]);
        }
        ignoreTerminalSignals();
        Path storeDir = Path.of(options.get("--store"));
        Path socket = Path.of(options.get("--socket"));
        if (!Client.off(System.getenv("KG_DAEMON_WARMUP"))) {
            Thread early = new Thread(Daemon::warmUpWithoutStore, "kg-daemon-early-warm-up");
            early.setDaemon(true);
            early.start();
        }
        EmbeddedStore store;
        try {
            store = EmbeddedStore.open(storeDir, options.getOrDefault("--page-cache", EmbeddedStore.DEFAULT_PAGE_CACHE));
        } catch (UserError e) {
            log(e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        // Holding the store's lock, this is the only daemon for it: a socket left there is a dead one's.
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Daemon daemon = new Daemon(store, storeDir, socket, options.getOrDefault("--build", Endpoint.build()),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--idle", "" + Daemons.DEFAULT_IDLE_SECONDS))),
                server);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::removeSocket, "kg-daemon-socket"));
        String owner = options.get("--owner");
        if (owner != null) {
            ProcessHandle.of(Long.parseLong(owner)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> daemon.stop("its owner " + owner + " exited")),
                    () -> daemon.stop("its owner " + owner + " is gone"));
        }
        log("serving " + storeDir + " on " + socket + " (pid " + ProcessHandle.current().pid() + ", idle timeout "
                + daemon.idle.toSeconds() + " s)");
        daemon.serve();
    }

    /** The daemon runs in a session of its own; should a terminal's Ctrl-C or hang-up reach it anyway, it stays. */
    @SuppressWarnings("restriction")
    private static void ignoreTerminalSignals() {
        for (String name : List.of("INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException e) {
                // not a signal here
            }
        }
    }

    private void serve() {
        Thread idleWatch = new Thread(this::watchIdle, "kg-daemon-idle");
        idleWatch.setDaemon(true);
        idleWatch.start();
        if (!Client.off(System.getenv("KG_DAEMON_WARMUP"))) {
            Thread warmUp = new Thread(this::warmUp, "kg-daemon-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        while (!stopping.get()) {
            try {
                SocketChannel client = server.accept();
                threads.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                break; // stopping
            } catch (IOException e) {
                log("accept failed: " + e.getMessage());
            }
        }
    }

    /**
     * Runs each saved query once with its example parameters, and stats, with the output dropped: the first
     * call of each then finds its Cypher plan cached and the JIT warm instead of paying seconds for both.
     * Read-only, and only while no client's command runs (one that arrives meanwhile waits for one query at most).
     */
    private void warmUp() {
        // The client that started this daemon sends its command at once: it runs first, alone on a cold JIT that
        // it would otherwise share with the warm-up on 2 cores.
        long since = System.nanoTime();
        while (served.get() == 0 && running.get() == 0 && System.nanoTime() - since < FIRST_COMMAND_WAIT.toNanos()
                && !stopping.get()) {
            Daemons.sleep(20);
        }
        for (List<String> args : WarmUp.commands(storeDir)) {
            while (running.get() > 0 && !stopping.get()) {
                Daemons.sleep(100);
            }
            Lock lock = commands.readLock();
            if (stopping.get() || !lock.tryLock()) {
                return;
            }
            try {
                int code = WarmUp.run(store, args, new Job());
                if (code != 0) {
                    log("warm-up: kg " + String.join(" ", args) + " exited with " + code);
                }
            } catch (RuntimeException e) {
                log("warm-up: " + String.join(" ", args) + ": " + e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs the commands that need no store, output dropped. */
    private static void warmUpWithoutStore() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        for (List<String> args : WarmUp.withoutStore()) {
            try {
                Invocation invocation = new Invocation(Path.of(""), Map.of(), (dir, pageCache) -> {
                    throw new IllegalStateException("a warm-up command without a store asked for " + dir);
                }, () -> false);
                Main.run(none, none, invocation, false, args.toArray(String[]::new));
            } catch (RuntimeException e) {
                log("warm-up: " + String.join(" ", args) + ": " + e);
            }
        }
    }

    private void watchIdle() {
        long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
        while (!stopping.get()) {
            Daemons.sleep(period);
            if (running.get() == 0 && System.nanoTime() - lastActive.get() >= idle.toNanos()) {
                stop("idle for " + idle.toSeconds() + " s");
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Wire.in(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Wire.out(channel), 1 << 16));
            // The socket's folder is the user's alone; the peer's credentials say so once more.
            if (!channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName()
                    .equals(System.getProperty("user.name"))) {
                return;
            }
            Wire.Request request = Wire.Request.read(in);
            switch (request.kind()) {
                case STATUS -> {
                    byte[] text = status().getBytes(StandardCharsets.UTF_8);
                    Wire.frame(out, Wire.OUT, text, 0, text.length);
                    Wire.exit(out, 0);
                }
                case STOP -> {
                    byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
                    Wire.frame(out, Wire.OUT, pid, 0, pid.length);
                    Wire.exit(out, 0);
                    stop("kg daemon stop");
                }
                case RUN -> run(request, channel, in, out);
            }
        } catch (IOException e) {
            log("client: " + e);
        }
    }

    private void run(Wire.Request request, SocketChannel channel, DataInputStream in, DataOutputStream out)
            throws IOException {
        if (!request.build().equals(build)) {
            refuse(out, ProcessHandle.current().pid(), "kg was rebuilt since this daemon started");
            stop("a client of another build (" + request.build() + ") came");
            return;
        }
        if (stopping.get()) {
            refuse(out, ProcessHandle.current().pid(), "the daemon is stopping");
            return;
        }
        if (!request.store().equals(storeDir.toString())) {
            refuse(out, 0, "the daemon serves " + storeDir); // no use waiting for it: the client runs in-process
            return;
        }
        running.incrementAndGet();
        Job job = new Job();
        // The client sends nothing after its request: the end of its side means it is gone, or was interrupted.
        Thread watch = new Thread(() -> {
            try {
                in.read();
            } catch (IOException e) {
                // closed, by either side
            }
            job.cancel();
        }, "kg-daemon-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            int code = execute(request, job, out);
            Wire.exit(out, code);
        } finally {
            served.incrementAndGet();
            lastActive.set(System.nanoTime());
            running.decrementAndGet();
        }
    }

    private int execute(Wire.Request request, Job job, DataOutputStream out) {
        Charset charset = Charset.isSupported(request.charset()) ? Charset.forName(request.charset()) : Charset.defaultCharset();
        // As a plain run prints: a PrintWriter with autoflush, in the client's charset.
        PrintWriter stdout = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new Frames(out, Wire.OUT), charset)), true);
        PrintWriter stderr = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new Frames(out, Wire.ERR), charset)), true);
        Lock lock = request.args().get(0).equals("load") ? commands.writeLock() : commands.readLock();
        try {
            while (!lock.tryLock(200, TimeUnit.MILLISECONDS)) {
                if (job.cancelled()) {
                    return Main.INTERRUPTED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.INTERRUPTED;
        }
        try {
            Invocation invocation = new Invocation(Path.of(request.cwd()), request.env(),
                    (dir, pageCache) -> open(dir, pageCache, job), job::cancelled);
            int code = Main.run(stdout, stderr, invocation, ansi(request), request.args().toArray(String[]::new));
            if (job.interruptedAWrite()) {
                stderr.println("kg: interrupted: the unfinished change is rolled back; the graph stays as it was");
            }
            return job.cancelled() ? Main.INTERRUPTED : code;
        } finally {
            lock.unlock();
            stdout.flush();
            stderr.flush();
        }
    }

    /** This daemon's store for a command that asks for it; any other store is opened for that command alone. */
    private GraphStore open(Path dir, String pageCache, Job job) {
        try {
            if (Endpoint.realPath(dir).equals(storeDir)) {
                return new SharedStore(store, dir, job);
            }
        } catch (IOException e) {
            // not this store: open it as kg would
        }
        return EmbeddedStore.open(dir, pageCache);
    }

    /** Colours in help, as picocli would decide in the client's terminal. */
    private static boolean ansi(Wire.Request request) {
        Map<String, String> env = request.env();
        if (env.containsKey("NO_COLOR")) {
            return false;
        }
        String force = env.get("CLICOLOR_FORCE");
        if (force != null && !force.equals("0")) {
            return true;
        }
        return request.console() && !"0".equals(env.get("CLICOLOR"));
    }

    /** Says no, with the pid to wait for before starting another daemon (0: none). */
    private static void refuse(DataOutputStream out, long pid, String reason) throws IOException {
        byte[] text = (pid + "\n" + reason).getBytes(StandardCharsets.UTF_8);
        Wire.frame(out, Wire.REFUSED, text, 0, text.length);
        out.flush();
    }

    private String status() {
        long up = Duration.between(started, Instant.now()).toSeconds();
        return "kg daemon: pid " + ProcessHandle.current().pid() + ", serving " + storeDir + "\n"
                + "  up " + up + " s, " + served.get() + " commands run, " + running.get() + " running, idle timeout "
                + idle.toSeconds() + " s\n"
                + "  socket " + socket + "\n"
                + "  build " + build + "\n";
    }

    /** Stops taking commands, lets the running ones finish, closes the store and exits. */
    private void stop(String why) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = new Thread(() -> {
            log("stopping: " + why);
            // Clients that find no socket take this lock before they start a daemon: holding it until this
            // process has let go of the store, the next daemon cannot start too early and find the store locked.
            holdStartLock();
            removeSocket();
            Daemons.close(server);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Daemons.sleep(20);
            }
            store.close();
            System.exit(0);
        }, "kg-daemon-stop");
        stopper.start();
    }

    private void holdStartLock() {
        try {
            FileChannel channel = FileChannel.open(Endpoint.of(storeDir, socket.getParent()).startLock(),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock(); // released when this process exits
        } catch (IOException e) {
            log("cannot take the start lock: " + e.getMessage());
        }
    }

    private void removeSocket() {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the next daemon removes it
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " kg daemon: " + message);
        System.out.flush();
    }

    /** Output of one stream, sent as frames on the shared connection. */
    private static final class Frames extends OutputStream {
        private final DataOutputStream out;
        private final byte tag;

        Frames(DataOutputStream out, byte tag) {
            this.out = out;
            this.tag = tag;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (out) {
                Wire.frame(out, tag, b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (out) {
                out.flush();
            }
        }
    }
}
