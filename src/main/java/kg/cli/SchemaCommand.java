package kg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import kg.schema.NodeType;
import kg.schema.PropertySpec;
import kg.schema.RelationshipType;
import kg.schema.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kg schema}: the node types, relationship types and statuses facts are checked against. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Prints the schema in readable form.")
final class SchemaCommand implements Callable<Integer> {

    @Mixin
    SchemaOptions schemaOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Schema schema = schemaOptions.schema();
        PrintWriter out = spec.commandLine().getOut();
        out.println("STATUSES (strongest first)");
        schema.statuses().forEach((s, meaning) -> out.printf("  %-10s %s%n", s, meaning));
        out.println();
        out.println("NODE TYPES");
        for (NodeType t : schema.nodeTypes()) {
            out.printf("%n  %s%s%n    %s%n", t.label(), t.isSource() ? " (declared under sources:)" : "", t.description());
            properties(out, t.properties().values());
        }
        out.println();
        out.println("RELATIONSHIP TYPES");
        for (RelationshipType r : schema.relationshipTypes()) {
            out.printf("%n  (%s)-[%s]-%s(%s)%n    %s%n", String.join("|", r.from().stream().sorted().toList()), r.type(),
                    r.directed() ? ">" : "", String.join("|", r.to().stream().sorted().toList()), r.description());
            properties(out, r.properties().values());
            for (var pair : r.ordered()) {
                out.printf("    rule: %s <= %s%n", pair.get(0), pair.get(1));
            }
        }
        return 0;
    }

    private static void properties(PrintWriter out, Iterable<PropertySpec> specs) {
        for (PropertySpec p : specs) {
            out.printf("    %-18s %-28s %s%s%n", p.name(), p.typeDescription(), p.required() ? "required. " : "",
                    p.description());
        }
    }
}
