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

    static Map<String, Object> of(Fact.Source s) {
        Map<String, Object> props = new LinkedHashMap<>(s.properties());
        props.put("id", s.id());
        props.put("name", props.get("title"));
        props.put("_hash", s.hash());
        return props;
    }

    static Map<String, Object> of(Fact.Entity e) {
        Map<String, Object> props = new LinkedHashMap<>(e.properties());
        props.put("id", e.id());
        props.put("type", e.type());
        props.put("_hash", e.hash());
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
