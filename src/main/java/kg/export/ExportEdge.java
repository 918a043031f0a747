package kg.export;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import kg.store.GraphRelationship;

/**
 * A relationship as it goes into the file: GraphML id (from kg's stable key), the GraphML ids of its ends, its
 * type, the store's element id (to drop duplicates) and its data, sorted by name.
 */
record ExportEdge(String id, String source, String target, String type, String key, String elementId,
                  Map<String, Object> data) {

    /** Source, target, type, key; the element id only separates relationships without a key. */
    static final Comparator<ExportEdge> ORDER = Comparator.comparing(ExportEdge::source)
            .thenComparing(ExportEdge::target)
            .thenComparing(ExportEdge::type)
            .thenComparing(ExportEdge::key)
            .thenComparing(ExportEdge::elementId);

    static ExportEdge of(GraphRelationship r, String source, String target) {
        return of(r.elementId(), r.type(), r.properties(), source, target);
    }

    /** {@code source} and {@code target}: the GraphML ids of its ends. */
    static ExportEdge of(String elementId, String type, Map<String, Object> properties, String source, String target) {
        Map<String, Object> data = new TreeMap<>();
        properties.forEach((name, value) -> {
            if (!ExportNode.internal(name) && value != null) {
                data.put(name, value);
            }
        });
        // Gephi shows the "label" of an edge; the type is the natural one.
        data.putIfAbsent("label", type);
        data.putIfAbsent("type", type);
        Object key = properties.get("key");
        String keyText = key == null ? "" : key.toString();
        return new ExportEdge(edgeId(elementId, type, keyText), source, target, type, keyText, elementId, data);
    }

    /**
     * kg's key, prefixed with the type when it does not start with it (a curator's own id is unique within
     * its type only), made a valid NMTOKEN; the store's element id for a relationship kg did not write.
     */
    private static String edgeId(String elementId, String type, String key) {
        if (key.isEmpty()) {
            return Xml.nmtoken("element:" + elementId);
        }
        return Xml.nmtoken(key.startsWith(type + ":") ? key : type + ":" + key);
    }
}
