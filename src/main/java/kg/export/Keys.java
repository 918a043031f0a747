package kg.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The GraphML keys of one export: every data name seen on nodes and on edges, with the type that holds all
 * of its values. Declared in name order with ids derived from the names, so that the same graph always
 * gives the same keys.
 */
final class Keys {

    /** One declared key: {@code domain} is "node" or "edge". */
    record Key(String id, String domain, String name, GraphmlType type) {
    }

    private final Map<String, GraphmlType> node = new TreeMap<>();
    private final Map<String, GraphmlType> edge = new TreeMap<>();

    void observeNode(Map<String, Object> data) {
        observe(node, data);
    }

    void observeEdge(Map<String, Object> data) {
        observe(edge, data);
    }

    private static void observe(Map<String, GraphmlType> types, Map<String, Object> data) {
        data.forEach((name, value) -> types.merge(name, GraphmlType.of(value), GraphmlType::merge));
    }

    /** Node keys then edge keys, each by name. */
    List<Key> declared() {
        List<Key> keys = new ArrayList<>();
        declare("node", node, keys);
        declare("edge", edge, keys);
        return keys;
    }

    /**
     * Key ids carry a prefix ("n_", "e_") because Gephi reads key ids "d3" and "d7" as yEd's label keys,
     * whatever their name says.
     */
    static String prefix(String domain) {
        return domain.equals("node") ? "n_" : "e_";
    }

    /** The id of a key named {@code name} unless another name makes the same NMTOKEN. */
    static String firstChoiceId(String prefix, String name) {
        return prefix + Xml.nmtoken(name);
    }

    private static void declare(String domain, Map<String, GraphmlType> types, List<Key> into) {
        String prefix = prefix(domain);
        Set<String> ids = new HashSet<>();
        types.forEach((name, type) -> {
            String id = firstChoiceId(prefix, name);
            for (int i = 2; !ids.add(id); i++) {
                id = firstChoiceId(prefix, name) + "_" + i;
            }
            into.add(new Key(id, domain, name, type));
        });
    }
}
