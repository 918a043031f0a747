package kg.load;

import java.util.List;
import java.util.stream.Collectors;

import kg.schema.NodeType;
import kg.schema.Schema;

/**
 * The Cypher that writes facts, in one place. Labels and relationship types come from the schema (checked
 * to be identifiers when it was read); every value is a bound parameter.
 */
final class GraphWrites {

    private GraphWrites() {
    }

    /** Creates or replaces entities of one type; rows carry id, hash and the full property map. */
    static String upsertEntities(Schema schema, String label) {
        String otherLabels = schema.entityTypes().stream().map(NodeType::label).filter(l -> !l.equals(label))
                .map(l -> ":`" + l + "`").collect(Collectors.joining());
        return "UNWIND $rows AS row\n"
                + "MERGE (n:" + Schema.ENTITY_LABEL + " {id: row.id})\n"
                + "WITH n, row, n._hash AS old\n"
                + "WHERE old IS NULL OR old <> row.hash\n"
                + "SET n = row.props\n"
                + "SET n:`" + label + "`\n"
                + (otherLabels.isEmpty() ? "" : "REMOVE n" + otherLabels + "\n")
                + "RETURN count(old) AS updated, count(*) - count(old) AS created";
    }

    static final String UPSERT_SOURCES = "UNWIND $rows AS row\n"
            + "MERGE (n:" + Schema.SOURCE_LABEL + " {id: row.id})\n"
            + "WITH n, row, n._hash AS old\n"
            + "WHERE old IS NULL OR old <> row.hash\n"
            + "SET n = row.props\n"
            + "RETURN count(old) AS updated, count(*) - count(old) AS created";

    /**
     * Creates relationships of one type, replacing any with the same key whose content changed (its ends may
     * have moved, so the old one is deleted rather than edited).
     */
    static String upsertRelationships(String type) {
        return "UNWIND $rows AS row\n"
                + "OPTIONAL MATCH ()-[old:`" + type + "` {key: row.key}]->()\n"
                + "WITH row, old\n"
                + "WHERE old IS NULL OR old._hash <> row.hash\n"
                + "WITH row, old, old IS NULL AS isNew\n"
                + "FOREACH (o IN CASE WHEN old IS NULL THEN [] ELSE [old] END | DELETE o)\n"
                + "WITH row, isNew\n"
                + "MATCH (a:" + Schema.ENTITY_LABEL + " {id: row.from}), (b:" + Schema.ENTITY_LABEL + " {id: row.to})\n"
                + "CREATE (a)-[r:`" + type + "`]->(b)\n"
                + "SET r = row.props\n"
                + "RETURN count(CASE WHEN NOT isNew THEN 1 END) AS updated, count(CASE WHEN isNew THEN 1 END) AS created";
    }

    /** Deletes relationships of one type whose key is no longer in the files. */
    static String removeRelationships(String type) {
        return "MATCH ()-[r:`" + type + "`]->() WHERE r.key IS NOT NULL AND NOT r.key IN $keys\n"
                + "DELETE r RETURN count(*) AS removed";
    }

    /** Relationship types present in the store, including ones the schema no longer declares. */
    static final String STORED_RELATIONSHIP_TYPES = "CALL db.relationshipTypes() YIELD relationshipType "
            + "RETURN relationshipType AS type";

    static String removeNodes(String label) {
        return "MATCH (n:" + label + ") WHERE NOT n.id IN $ids\n"
                + "DETACH DELETE n RETURN count(*) AS removed";
    }

    static List<String> nodeRemovals() {
        return List.of(removeNodes(Schema.ENTITY_LABEL), removeNodes(Schema.SOURCE_LABEL));
    }
}
