package kg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import kg.UserError;
import kg.facts.FactSet;
import kg.facts.Problem;
import kg.schema.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kg validate PATH...}: every problem in the fact files, each as file:line:column: message. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks fact files against the schema and reports every problem at once.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the facts are valid", "1:the facts have problems", "2:usage error"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Fact files, or folders of *.yaml files")
    List<Path> paths;

    @Mixin
    FactOptions factOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FactSet.ValidationReport report = factOptions.validate(FactSet.of(paths));
        PrintWriter err = spec.commandLine().getErr();
        if (!report.valid()) {
            FactOptions.printProblems(report, err);
            return 1;
        }
        spec.commandLine().getOut().println(FactOptions.summary(report));
        return 0;
    }

    /** Options for commands that read fact files. */
    static final class FactOptions {
        @Mixin
        SchemaOptions schemaOptions;

        @Option(names = "--sources-dir", paramLabel = "DIR",
                description = "Also check that every quote is found in DIR/<origin>.txt")
        Path sourcesDir;

        Schema schema;

        FactSet.ValidationReport validate(FactSet facts) {
            checkSourcesDir();
            schema = schemaOptions.schema();
            return facts.validate(schema, Optional.ofNullable(sourcesDir));
        }

        void checkSourcesDir() {
            if (sourcesDir != null && !Files.isDirectory(sourcesDir)) {
                throw new UserError(sourcesDir + ": no such folder (--sources-dir)", 2);
            }
        }

        static void printProblems(FactSet.ValidationReport report, PrintWriter err) {
            for (Problem p : report.problems()) {
                err.println(p);
            }
            err.println(report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s")
                    + " in " + report.files() + " file" + (report.files() == 1 ? "" : "s"));
        }

        static String summary(FactSet.ValidationReport r) {
            return "valid: " + r.files() + " files, " + r.sources() + " sources, " + r.entities() + " entities, "
                    + r.relationships() + " relationships";
        }
    }
}
