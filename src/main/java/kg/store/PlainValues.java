package kg.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;

/** Converts embedded Neo4j values to the plain values every {@link GraphStore} returns. */
final class PlainValues {

    private PlainValues() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value; // the common case first: most values are plain already
        }
        if (value instanceof Node n) {
            return node(n);
        }
        if (value instanceof Relationship r) {
            return relationship(r);
        }
        if (value instanceof Path p) {
            List<GraphNode> nodes = new ArrayList<>();
            p.nodes().forEach(n -> nodes.add(node(n)));
            List<GraphRelationship> rels = new ArrayList<>();
            p.relationships().forEach(r -> rels.add(relationship(r)));
            return new GraphPath(List.copyOf(nodes), List.copyOf(rels));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(of(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
            return out;
        }
        if (value instanceof String[] strings) {
            return new ArrayList<Object>(java.util.Arrays.asList(strings)); // without reflection, as below
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                out.add(of(Array.get(value, i)));
            }
            return out;
        }
        return value;
    }

    private static GraphNode node(Node n) {
        List<String> labels = new ArrayList<>();
        for (Label l : n.getLabels()) {
            labels.add(l.name());
        }
        labels.sort(null);
        return new GraphNode(n.getElementId(), List.copyOf(labels), properties(n));
    }

    private static GraphRelationship relationship(Relationship r) {
        return new GraphRelationship(r.getElementId(), r.getType().name(), r.getStartNode().getElementId(),
                r.getEndNode().getElementId(), properties(r));
    }

    /** Properties sorted by key, so that everything built from them is deterministic. */
    private static Map<String, Object> properties(Entity e) {
        Map<String, Object> sorted = new TreeMap<>();
        e.getAllProperties().forEach((k, v) -> sorted.put(k, of(v)));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
