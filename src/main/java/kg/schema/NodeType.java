package kg.schema;

import java.util.Map;

/**
 * A node type: its label, what it stands for and the properties it may carry (the shared entity
 * properties already merged in for entity types).
 */
public record NodeType(String label, String description, boolean isSource, Map<String, PropertySpec> properties) {

    public NodeType {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
