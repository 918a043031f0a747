package kg.testing;

import java.util.Map;
import java.util.TreeMap;

import kg.store.GraphStore;

/** Every node and relationship of a graph with all labels and properties, in a canonical order, for comparing graphs. */
public final class GraphDump {

    private GraphDump() {
    }

    public static String of(GraphStore store) {
        return store.read(tx -> {
            StringBuilder sb = new StringBuilder();
            tx.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id").list()
                    .forEach(r -> sb.append(r.get("id")).append(r.get("labels")).append(new TreeMap<>(
                            (Map<?, ?>) r.get("props"))).append('\n'));
            tx.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, r.key AS key, a.id AS a, b.id AS b, properties(r) AS props"
                    + " ORDER BY key").list()
                    .forEach(r -> sb.append(r.get("a")).append(" -").append(r.get("type")).append("-> ").append(r.get("b"))
                            .append(new TreeMap<>((Map<?, ?>) r.get("props"))).append('\n'));
            return sb.toString();
        });
    }
}
