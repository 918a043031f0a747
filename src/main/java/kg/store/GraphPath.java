package kg.store;

import java.util.List;

/** A path as a plain value: nodes[i] -rels[i]- nodes[i+1], each relationship in its stored direction. */
public record GraphPath(List<GraphNode> nodes, List<GraphRelationship> relationships) {
}
