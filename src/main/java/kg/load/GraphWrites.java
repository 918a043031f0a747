package kg.load;

import java.util.stream.Collectors;

import kg.schema.NodeType;
import kg.schema.Schema;

/**
 * The Cypher that reads and writes facts, in one place. Labels and relationship types come from the schema
 * (checked to be identifiers when it was read); every value is a bound parameter. The loader decides in Java
 * what changed, so these statements only create, replace or delete: none of them compares content.
 */
final class GraphWrites {

    private GraphWrites() {
    }

    /** Id and content hash of every node with a label, streamed once at the start of a load. */
    static String storedNodes(String label) {
        return "MATCH (n:" + label + ") RETURN n.id AS id, n._hash AS hash";
    }

    /** Type, key and content hash of every relationship kg wrote (those without a key are not kg's). */
    static final String STORED_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.key IS NOT NULL"
            + " RETURN type(r) AS type, r.key AS key, r._hash AS hash";

    /** Creates nodes; each row is the full property map (id included). */
    static String createNodes(String labels) {
        return "UNWIND $rows AS row CREATE (n:" + labels + ") SET n = row RETURN count(*) AS n";
    }

    static String createEntities(String label) {
        return createNodes(Schema.ENTITY_LABEL + ":`" + label + "`");
    }

    /** Replaces the properties of existing nodes; an entity may also have changed type, hence the labels. */
    static String replaceEntities(Schema schema, String label) {
        String otherLabels = schema.entityTypes().stream().map(NodeType::label).filter(l -> !l.equals(label))
                .map(l -> ":`" + l + "`").collect(Collectors.joining());
        return "UNWIND $rows AS row MATCH (n:" + Schema.ENTITY_LABEL + " {id: row.id})\n"
                + "SET n = row SET n:`" + label + "`\n"
                + (otherLabels.isEmpty() ? "" : "REMOVE n" + otherLabels + "\n")
                + "RETURN count(*) AS n";
    }

    static final String REPLACE_SOURCES = "UNWIND $rows AS row MATCH (n:" + Schema.SOURCE_LABEL + " {id: row.id})"
            + " SET n = row RETURN count(*) AS n";

    /** Creates relationships of one type between existing entities; rows carry from, to and the property map. */
    static String createRelationships(String type) {
        return "UNWIND $rows AS row\n"
                + "MATCH (a:" + Schema.ENTITY_LABEL + " {id: row.from})\n"
                + "MATCH (b:" + Schema.ENTITY_LABEL + " {id: row.to})\n"
                + "CREATE (a)-[r:`" + type + "`]->(b) SET r = row.props\n"
                + "RETURN count(*) AS n";
    }

    /**
     * Deletes relationships of one type by key, through the key index: removed ones, and edited ones before
     * they are created again (an edit may have moved their ends).
     */
    static String deleteRelationships(String type) {
        return "UNWIND $keys AS key MATCH ()-[r:`" + type + "` {key: key}]->() DELETE r RETURN count(*) AS n";
    }

    /** Deletes nodes of a label by id, with whatever relationships are still attached. */
    static String deleteNodes(String label) {
        return "UNWIND $keys AS key MATCH (n:" + label + " {id: key}) DETACH DELETE n RETURN count(*) AS n";
    }
}
