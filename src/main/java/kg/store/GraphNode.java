package kg.store;

import java.util.List;
import java.util.Map;

/** A node as a plain value. {@code elementId} is the store's own handle; kg's stable id is property {@code id}. */
public record GraphNode(String elementId, List<String> labels, Map<String, Object> properties) {

    public String id() {
        Object id = properties.get("id");
        return id == null ? elementId : id.toString();
    }

    public String name() {
        Object name = properties.get("name");
        if (name == null) {
            name = properties.get("title");
        }
        return name == null ? id() : name.toString();
    }
}
