package kg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import kg.UserError;
import kg.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code kg COMMAND ...}. */
@Command(name = "kg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Builds a knowledge graph of corporate and state influence from sourced YAML facts,"
                + " queries it and exports subgraphs.",
        subcommands = {ValidateCommand.class, LoadCommand.class, StatsCommand.class, SchemaCommand.class,
                QueryCommand.class, CypherCommand.class, ExportCommand.class,
                GenerateCommand.class, DaemonCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code after Ctrl-C or SIGTERM, as shells report for SIGINT. */
    public static final int INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs kg with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, Invocation.process(), null, args);
    }

    /**
     * Runs kg for an invocation (the kg daemon runs its clients' commands this way); {@code ansi} says whether
     * help may use colours, or {@code null} to let picocli look at this process's terminal.
     */
    public static int run(PrintWriter out, PrintWriter err, Invocation invocation, Boolean ansi, String... args) {
        return invocation.in(() -> {
            CommandLine cli = commandLine();
            // Paths typed on the command line are the client's: read them against its working folder.
            cli.registerConverter(java.nio.file.Path.class, invocation::path);
            if (ansi != null) {
                cli.setColorScheme(CommandLine.Help.defaultColorScheme(ansi ? CommandLine.Help.Ansi.ON
                        : CommandLine.Help.Ansi.OFF));
            }
            cli.setOut(out);
            cli.setErr(err);
            try {
                return cli.execute(args);
            } catch (OutOfMemoryError e) {
                return outOfMemory(err);
            }
        });
    }

    /**
     * The heap ran out (a load's transaction is held in memory until its one commit): say so in one line
     * instead of a stack trace. Whatever ran is rolled back with its transaction, never committed.
     */
    private static int outOfMemory(PrintWriter err) {
        err.println("kg: out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) is too"
                + " small for this; nothing was written, the graph stays as it was. Run kg with a larger heap, e.g."
                + " KG_JAVA_OPTS=-Xmx4g (KG_DAEMON_JAVA_OPTS for the kg daemon)");
        return 1;
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (kg.store.EmbeddedStore.interrupted() || Invocation.current().cancelled().getAsBoolean()) {
                return INTERRUPTED; // the shutdown hook has said what happened
            }
            if (e instanceof UserError u) {
                commandLine.getErr().println("kg: " + u.getMessage());
                return u.exitCode();
            }
            if (e instanceof SchemaException s) {
                commandLine.getErr().println("kg: schema error: " + s.getMessage());
                return 2;
            }
            if (causedByOutOfMemory(e)) {
                return outOfMemory(commandLine.getErr()); // met on another thread: the loader's reader or writer
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version Maven built, from kg.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/kg/kg.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"kg " + p.getProperty("version", "unknown"),
                    "Neo4j " + kg.store.EmbeddedStore.neo4jVersion() + " (embedded)"};
        }
    }
}
