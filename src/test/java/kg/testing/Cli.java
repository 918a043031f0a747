package kg.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

import kg.cli.Main;

/** Runs the kg CLI in-process and captures what it prints. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
