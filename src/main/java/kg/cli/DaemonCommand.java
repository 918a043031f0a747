package kg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import kg.UserError;
import kg.daemon.Daemons;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kg daemon start|stop|status}: the background process that keeps a store open between commands. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"The kg daemon keeps one store open between commands (with Neo4j, its query plans and the"
                + " JIT warm), so that each command answers in well under a second.",
                "./kg starts one when a command first opens the store; it exits after $KG_DAEMON_IDLE (default 15m)"
                        + " idle. KG_DAEMON=0 or --no-daemon runs a command in its own process instead."},
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class})
final class DaemonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: start, stop or status");
    }

    /** What the three subcommands share: the store, as every store command finds it, without opening it. */
    abstract static class Action extends StoreAware {
        @Override
        public final Integer call() {
            try {
                return run(storeOptions.storeDir().toAbsolutePath());
            } catch (IOException e) {
                throw new UserError("kg daemon: " + e.getMessage(), 1);
            }
        }

        abstract int run(Path store) throws IOException;

        void say(String line) {
            out().println(line);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts the store's daemon unless one runs.")
    static final class Start extends Action {
        @Override
        int run(Path store) throws IOException {
            Invocation invocation = Invocation.current();
            if (!Daemons.start(store, Daemons.Settings.of(invocation.env(), storeOptions.pageCache))) {
                throw new UserError("the kg daemon did not start (is another kg process using " + store
                        + "?); its log: " + Daemons.log(store), 3);
            }
            say(Daemons.status(store).orElse("kg daemon: started for " + store).stripTrailing());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the store's daemon once its running commands are done.")
    static final class Stop extends Action {
        @Override
        int run(Path store) throws IOException {
            say(Daemons.stop(store) ? "kg daemon: stopped (" + store + ")" : "kg daemon: not running (" + store + ")");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether a daemon serves the store, and since when. Exit code 0 if one does, 1 if not.")
    static final class Status extends Action {
        @Override
        int run(Path store) throws IOException {
            Optional<String> status = Daemons.status(store);
            say(status.orElse("kg daemon: not running (" + store + ")").stripTrailing());
            return status.isPresent() ? 0 : 1;
        }
    }
}
