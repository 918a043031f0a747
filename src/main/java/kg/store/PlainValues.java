package kg.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;

/**
 * Converts embedded Neo4j values to the plain values every {@link GraphStore} returns. One converter serves one
 * statement's rows; where nothing can change under it (a read-only transaction) it converts each node and
 * relationship once, by element id, and hands out the same value again (the first {@link #REUSED} of each, so
 * that a statement streaming the whole graph keeps its memory flat).
 */
final class PlainValues {

    /** How many nodes, and how many relationships, one statement's converter keeps for reuse. */
    static final int REUSED = 4096;

    private final Map<String, GraphNode> nodes;
    private final Map<String, GraphRelationship> relationships;

    PlainValues(boolean reuse) {
        nodes = reuse ? new HashMap<>() : null;
        relationships = reuse ? new HashMap<>() : null;
    }

    Object of(Object value) {
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

    private GraphNode node(Node n) {
        return reused(nodes, n, this::convert);
    }

    private GraphRelationship relationship(Relationship r) {
        return reused(relationships, r, this::convert);
    }

    /** The value converted before for this element, when this converter keeps them; else a fresh one. */
    private static <E extends org.neo4j.graphdb.Entity, V> V reused(Map<String, V> known, E element,
                                                                   java.util.function.Function<E, V> convert) {
        if (known == null) {
            return convert.apply(element);
        }
        String id = element.getElementId();
        V value = known.get(id);
        if (value == null) {
            value = convert.apply(element);
            if (known.size() < REUSED) {
                known.put(id, value);
            }
        }
        return value;
    }

    private GraphNode convert(Node n) {
        List<String> labels = new ArrayList<>();
        for (Label l : n.getLabels()) {
            labels.add(l.name());
        }
        labels.sort(null);
        return new GraphNode(n.getElementId(), List.copyOf(labels), properties(n));
    }

    private GraphRelationship convert(Relationship r) {
        return new GraphRelationship(r.getElementId(), r.getType().name(), r.getStartNode().getElementId(),
                r.getEndNode().getElementId(), properties(r));
    }

    /** Properties sorted by key, so that everything built from them is deterministic. */
    private Map<String, Object> properties(Entity e) {
        Map<String, Object> sorted = new TreeMap<>();
        e.getAllProperties().forEach((k, v) -> sorted.put(k, of(v)));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
