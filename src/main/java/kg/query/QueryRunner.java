package kg.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kg.store.GraphNode;
import kg.store.GraphPath;
import kg.store.GraphRelationship;
import kg.store.GraphStore;
import kg.store.Rows;

/** Runs a prepared query in one read-only transaction and keeps its rows. */
public final class QueryRunner {

    private QueryRunner() {
    }

    /**
     * Runs the statement read-only (a write is refused with {@link kg.store.WriteRefused}); past the timeout it
     * is stopped with {@link kg.store.QueryTimedOut}. At most {@code maxRows} rows are read when that is not null.
     */
    public static QueryResult run(GraphStore store, PreparedQuery query, Duration timeout, Integer maxRows) {
        return store.read(timeout, tx -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            List<String> columns;
            boolean complete = true;
            try (Rows r = tx.run(query.cypher(), query.parameters())) {
                columns = r.columns();
                while (r.hasNext()) {
                    if (maxRows != null && rows.size() >= maxRows) {
                        complete = false;
                        break;
                    }
                    rows.add(r.next());
                }
            }
            Map<String, QueryResult.NodeRef> known = new HashMap<>();
            Set<String> wanted = new HashSet<>();
            for (Map<String, Object> row : rows) {
                row.values().forEach(v -> collect(v, known, wanted));
            }
            Map<String, QueryResult.NodeRef> ends = new HashMap<>();
            for (String e : wanted) {
                if (known.containsKey(e)) {
                    ends.put(e, known.get(e));
                }
            }
            wanted.removeAll(known.keySet());
            if (!wanted.isEmpty()) {
                // Relationships returned without their nodes: one look-up for the ends' ids and names.
                tx.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id, "
                                + "coalesce(n.name, n.title, n.id) AS name", Map.of("ids", List.copyOf(wanted)))
                        .forEachRemaining(row -> ends.put((String) row.get("e"),
                                new QueryResult.NodeRef((String) row.get("id"), (String) row.get("name"))));
            }
            for (String e : wanted) {
                if (!ends.containsKey(e)) {
                    ends.put(e, new QueryResult.NodeRef(null, null));
                }
            }
            return new QueryResult(columns, rows, ends, complete);
        });
    }

    private static QueryResult.NodeRef ref(GraphNode n) {
        return new QueryResult.NodeRef(n.id(), n.name());
    }

    private static void collect(Object v, Map<String, QueryResult.NodeRef> known, Set<String> wanted) {
        if (v instanceof GraphNode n) {
            known.put(n.elementId(), ref(n));
        } else if (v instanceof GraphRelationship r) {
            wanted.add(r.startElementId());
            wanted.add(r.endElementId());
        } else if (v instanceof GraphPath p) {
            p.nodes().forEach(n -> known.put(n.elementId(), ref(n)));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> collect(x, known, wanted));
        } else if (v instanceof Map<?, ?> map) {
            map.values().forEach(x -> collect(x, known, wanted));
        }
    }
}
