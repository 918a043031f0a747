package kg.export;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kg.schema.Schema;
import kg.store.GraphNode;

/**
 * A node as it goes into the file: its GraphML id (kg's stable id), the store's element id (to drop
 * duplicates) and its data, sorted by name.
 */
record ExportNode(String id, String elementId, Map<String, Object> data) {

    /** kg id order; the element id only separates nodes a broken store gave the same id. */
    static final Comparator<ExportNode> ORDER = Comparator.comparing(ExportNode::id)
            .thenComparing(ExportNode::elementId);

    static ExportNode of(GraphNode node) {
        Map<String, Object> data = new TreeMap<>();
        node.properties().forEach((name, value) -> {
            if (!internal(name) && !name.equals("id") && value != null) {
                data.put(name, value);
            }
        });
        // Gephi and yEd take the display label from "label", Cytoscape from "name": give every node both.
        data.putIfAbsent("label", node.name());
        data.putIfAbsent("name", node.name());
        data.putIfAbsent("type", type(node.labels()));
        return new ExportNode(Xml.nmtoken(node.id()), node.elementId(), data);
    }

    /** Properties kg keeps for itself (content hashes): not part of what an analyst sees. */
    static boolean internal(String name) {
        return name.startsWith("_");
    }

    /** The node's type: its label other than the shared Entity label. */
    private static String type(List<String> labels) {
        return labels.stream().filter(l -> !l.equals(Schema.ENTITY_LABEL)).findFirst()
                .orElse(labels.isEmpty() ? "" : labels.get(0));
    }
}
