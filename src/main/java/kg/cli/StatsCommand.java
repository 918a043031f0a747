package kg.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import kg.Json;
import kg.schema.Schema;
import kg.store.GraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kg stats}: how many nodes of each label and relationships of each type the graph holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts nodes per label and relationships per type.")
final class StatsCommand extends StoreCommand {

    enum Format { table, json }

    @Option(names = "--format", defaultValue = "table", description = "table (for people) or json (for programs)")
    Format format;

    @Override
    int run(GraphStore store) {
        Map<String, Long> nodes = new LinkedHashMap<>();
        Map<String, Long> relationships = new LinkedHashMap<>();
        store.read(tx -> {
            // Counts per label and type come from Neo4j's count store: constant time whatever the size.
            for (Map<String, Object> row : tx.run("CALL db.labels() YIELD label RETURN label ORDER BY label").list()) {
                String label = (String) row.get("label");
                if (label.equals(Schema.ENTITY_LABEL)) {
                    continue;
                }
                nodes.put(label, count(tx.run("MATCH (n:`" + label + "`) RETURN count(n) AS n").single()));
            }
            for (Map<String, Object> row : tx.run("CALL db.relationshipTypes() YIELD relationshipType AS t "
                    + "RETURN t ORDER BY t").list()) {
                String type = (String) row.get("t");
                relationships.put(type, count(tx.run("MATCH ()-[r:`" + type + "`]->() RETURN count(r) AS n").single()));
            }
            return null;
        });
        nodes.values().removeIf(n -> n == 0);
        relationships.values().removeIf(n -> n == 0);
        if (format == Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("nodes", nodes);
            doc.put("relationships", relationships);
            doc.put("totalNodes", nodes.values().stream().mapToLong(Long::longValue).sum());
            doc.put("totalRelationships", relationships.values().stream().mapToLong(Long::longValue).sum());
            out().println(Json.write(doc));
        } else {
            table("node label", nodes);
            out().println();
            table("relationship type", relationships);
        }
        return 0;
    }

    private static long count(Map<String, Object> row) {
        return ((Number) row.get("n")).longValue();
    }

    private void table(String heading, Map<String, Long> counts) {
        int width = Math.max(heading.length(), counts.keySet().stream().mapToInt(String::length).max().orElse(0));
        out().printf("%-" + width + "s  %10s%n", heading, "count");
        counts.forEach((k, v) -> out().printf("%-" + width + "s  %10d%n", k, v));
        out().printf("%-" + width + "s  %10d%n", "total", counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
