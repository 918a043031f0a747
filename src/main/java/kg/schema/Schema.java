package kg.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole graph schema: node types, relationship types and claim statuses, as read from graph-schema/. */
public final class Schema {

    /** Label every entity node carries besides its type, so that ids are unique across types. */
    public static final String ENTITY_LABEL = "Entity";
    public static final String SOURCE_LABEL = "Source";

    private final Map<String, NodeType> nodeTypes;
    private final Map<String, RelationshipType> relationshipTypes;
    private final Map<String, String> statuses;

    public Schema(Map<String, NodeType> nodeTypes, Map<String, RelationshipType> relationshipTypes,
                  Map<String, String> statuses) {
        this.nodeTypes = Map.copyOf(nodeTypes);
        this.relationshipTypes = Map.copyOf(relationshipTypes);
        this.statuses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statuses));
    }

    public Optional<NodeType> nodeType(String label) {
        return Optional.ofNullable(nodeTypes.get(label));
    }

    public Optional<RelationshipType> relationshipType(String type) {
        return Optional.ofNullable(relationshipTypes.get(type));
    }

    public List<NodeType> nodeTypes() {
        return nodeTypes.values().stream().sorted(java.util.Comparator.comparing(NodeType::label)).toList();
    }

    public List<NodeType> entityTypes() {
        return nodeTypes().stream().filter(t -> !t.isSource()).toList();
    }

    public NodeType sourceType() {
        return nodeTypes.values().stream().filter(NodeType::isSource).findFirst()
                .orElseThrow(() -> new SchemaException("the schema declares no source type (declared-in: sources)"));
    }

    public List<RelationshipType> relationshipTypes() {
        return relationshipTypes.values().stream().sorted(java.util.Comparator.comparing(RelationshipType::type)).toList();
    }

    /** Claim statuses, strongest first, with what each means. */
    public Map<String, String> statuses() {
        return statuses;
    }

    /** Rank of a status: 0 is the strongest. */
    public int statusRank(String status) {
        return new ArrayList<>(statuses.keySet()).indexOf(status);
    }

    /** Statuses at least as strong as the given one, for "minimum status" filters. */
    public List<String> statusesAtLeast(String status) {
        List<String> all = new ArrayList<>(statuses.keySet());
        int rank = all.indexOf(status);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown status " + status);
        }
        return List.copyOf(all.subList(0, rank + 1));
    }

    /** Schema statements (constraints and indexes) that the store needs; each is idempotent. */
    public List<String> storeSchemaStatements() {
        List<String> statements = new ArrayList<>();
        statements.add("CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:" + ENTITY_LABEL + ") REQUIRE n.id IS UNIQUE");
        statements.add("CREATE CONSTRAINT kg_source_id IF NOT EXISTS FOR (n:" + SOURCE_LABEL + ") REQUIRE n.id IS UNIQUE");
        statements.add("CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:" + ENTITY_LABEL + ") ON (n.name)");
        statements.add("CREATE FULLTEXT INDEX kg_names IF NOT EXISTS FOR (n:" + ENTITY_LABEL + ") ON EACH [n.name, n.aliases]");
        for (RelationshipType rel : relationshipTypes()) {
            statements.add("CREATE INDEX kg_rel_key_" + rel.type().toLowerCase(java.util.Locale.ROOT)
                    + " IF NOT EXISTS FOR ()-[r:" + rel.type() + "]-() ON (r.key)");
        }
        return statements;
    }

    public Collection<String> nodeLabels() {
        return nodeTypes.keySet();
    }
}
