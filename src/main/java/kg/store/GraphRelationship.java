package kg.store;

import java.util.Map;

/** A relationship as a plain value, with its ends as store element ids. */
public record GraphRelationship(String elementId, String type, String startElementId, String endElementId,
                                Map<String, Object> properties) {
}
