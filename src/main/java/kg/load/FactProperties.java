package kg.load;

import java.util.LinkedHashMap;
import java.util.Map;

import kg.facts.Fact;

/**
 * The properties each fact is stored with, in one place, so that every way of writing the graph (Cypher, or
 * the bulk importer into an empty store) produces the same nodes and relationships.
 */
final class FactProperties {

    private FactProperties() {
    }

    /** A source's title is also its name, so that sources and entities are searched alike. */
    static Map<String, Object> of(Fact.Source s) {
        return node(s.properties(), s.id(), "name", s.properties().get("title"), s.hash());
    }

    static Map<String, Object> of(Fact.Entity e) {
        return node(e.properties(), e.id(), "type", e.type(), e.hash());
    }

    private static Map<String, Object> node(Map<String, Object> properties, String id, String key, Object value,
                                            String hash) {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.put("id", id);
        props.put(key, value);
        props.put("_hash", hash);
        return props;
    }

    static Map<String, Object> of(Fact.Relationship r) {
        Map<String, Object> props = new LinkedHashMap<>(r.properties());
        props.put("key", r.key());
        props.put("status", r.status());
        props.put("sources", r.citations().stream().map(Fact.Citation::source).toList());
        props.put("quotes", r.citations().stream().map(c -> c.quote() == null ? "" : c.quote()).toList());
        props.put("_hash", r.hash());
        return props;
    }
}
