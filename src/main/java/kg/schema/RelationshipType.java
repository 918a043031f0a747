package kg.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A relationship type: the node types it may join, whether direction carries meaning, its properties
 * (shared relationship properties merged in) and pairs of properties whose first may not exceed the second.
 */
public record RelationshipType(
        String type,
        String description,
        boolean directed,
        Set<String> from,
        Set<String> to,
        Map<String, PropertySpec> properties,
        List<List<String>> ordered) {

    public RelationshipType {
        from = Set.copyOf(from);
        to = Set.copyOf(to);
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        ordered = List.copyOf(ordered);
    }

    public boolean allows(String fromType, String toType) {
        return (from.contains(fromType) && to.contains(toType))
                || (!directed && from.contains(toType) && to.contains(fromType));
    }
}
