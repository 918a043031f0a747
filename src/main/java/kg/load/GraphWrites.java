package kg.load;

import kg.schema.Schema;

/**
 * The Cypher that reads and writes facts, in one place. Labels and relationship types come from the schema
 * (checked to be identifiers when it was read); every value is a bound parameter. The loader decides in Java
 * what changed, so these statements only create, replace or delete: none of them compares content.
 */
final class GraphWrites {

    private GraphWrites() {
    }

    /** Id and content hash (and with {@code type}, the entity type) of every node with a label, read once per load. */
    static String storedNodes(String label, boolean type) {
        return "MATCH (n:" + label + ") RETURN n.id AS id, n._hash AS hash" + (type ? ", n.type AS type" : "");
    }

    /** Id, content hash and type (as extra; null for a source) of the nodes of a label with these ids. */
    static String nodesById(String label) {
        return "UNWIND $ids AS id MATCH (n:" + label + " {id: id}) " + idIndex("n", label)
                + " RETURN n.id AS id, n._hash AS hash, n.type AS extra";
    }

    /** Key (as id), content hash and start node id (as extra) of the relationships of one schema type with these keys ($ids). */
    static String relationshipsByKey(String type) {
        return "UNWIND $ids AS key MATCH (a)-[r:`" + type + "` {key: key}]->() USING INDEX r:`" + type + "`(key)\n"
                + "RETURN r.key AS id, r._hash AS hash, a.id AS extra";
    }

    /** How many sources, entities and relationships the store holds (answered from Neo4j's counts, not a scan). */
    static final String COUNT_SOURCES = "MATCH (n:" + Schema.SOURCE_LABEL + ") RETURN count(n) AS n";
    static final String COUNT_ENTITIES = "MATCH (n:" + Schema.ENTITY_LABEL + ") RETURN count(n) AS n";
    static final String COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n";

    /**
     * Type, key, content hash and the ids of both ends of every relationship kg wrote (those without a key are
     * not kg's); the start node is where a relationship to delete is found, and both ends are compared with
     * the declared ones (the hash covers the declared ends, not where a change outside kg left it).
     */
    static final String STORED_RELATIONSHIPS = "MATCH (a)-[r]->(b) WHERE r.key IS NOT NULL"
            + " RETURN type(r) AS type, r.key AS key, r._hash AS hash, a.id AS from, b.id AS to";

    /**
     * Deletes relationships of any type, found from their start node by type and key: removed ones, and
     * edited ones before they are created again (an edit may have moved their ends). One statement for all
     * types, where an index lookup by key would need one per type (each compiled in every process).
     */
    static final String DELETE_RELATIONSHIPS = "UNWIND $rows AS row\n"
            + "MATCH (a:" + Schema.ENTITY_LABEL + " {id: row.from}) " + idIndex("a", Schema.ENTITY_LABEL) + "\n"
            + "MATCH (a)-[r:$(row.type)]->() WHERE r.key = row.key\n"
            + "DELETE r RETURN count(*) AS n";

    /**
     * Replaces the properties of edited relationships in place where both their ends are still the same entities,
     * returning the key of each one replaced (the others moved: deleted and created again). In place keeps the
     * relationship: deleting and creating it again rewrites both ends' relationship chains, and most edits change
     * properties only. Both ends bound, the relationship is found from whichever end has fewer relationships,
     * not by reading every relationship of a hub.
     */
    static final String REPLACE_RELATIONSHIPS = "UNWIND $rows AS row\n"
            + "MATCH (a:" + Schema.ENTITY_LABEL + " {id: row.from}) " + idIndex("a", Schema.ENTITY_LABEL) + "\n"
            + "MATCH (b:" + Schema.ENTITY_LABEL + " {id: row.to}) " + idIndex("b", Schema.ENTITY_LABEL) + "\n"
            + "MATCH (a)-[r:$(row.type)]->(b) WHERE r.key = row.key\n"
            + "SET r = row.props\n"
            + "RETURN row.key AS key";

    /** Creates sources; each row is the full property map (id included). */
    static final String CREATE_SOURCES = "UNWIND $rows AS row CREATE (n:" + Schema.SOURCE_LABEL + ") SET n = row"
            + " RETURN count(*) AS n";

    /**
     * Creates entities of every type in one statement: the type label comes from the row's {@code type}
     * (Neo4j 5.26's dynamic labels; the value is a schema type, checked by validation). One statement
     * instead of one per type matters: each distinct statement costs a Cypher compilation in every process.
     */
    static final String CREATE_ENTITIES = "UNWIND $rows AS row CREATE (n:" + Schema.ENTITY_LABEL + ":$(row.type))"
            + " SET n = row RETURN count(*) AS n";

    /**
     * Replaces the properties of existing entities. Labels are touched only when the type changed (every
     * entity-type label in {@code $types} removed, the new one set): a label change updates every index on
     * the node, and most edits keep the type.
     */
    static final String REPLACE_ENTITIES = "UNWIND $rows AS row MATCH (n:" + Schema.ENTITY_LABEL + " {id: row.id}) "
            + idIndex("n", Schema.ENTITY_LABEL) + "\n"
            + "WITH n, row, n.type AS old SET n = row\n"
            + "FOREACH (changed IN CASE WHEN old IS NULL OR old <> row.type THEN [1] ELSE [] END |\n"
            + "  REMOVE n:$($types) SET n:$(row.type))\n"
            + "RETURN count(*) AS n";

    static final String REPLACE_SOURCES = "UNWIND $rows AS row MATCH (n:" + Schema.SOURCE_LABEL + " {id: row.id}) "
            + idIndex("n", Schema.SOURCE_LABEL) + " SET n = row RETURN count(*) AS n";

    /** Creates relationships of every type between existing entities; rows carry from, to, type and properties. */
    static final String CREATE_RELATIONSHIPS = "UNWIND $rows AS row\n"
            + "MATCH (a:" + Schema.ENTITY_LABEL + " {id: row.from}) " + idIndex("a", Schema.ENTITY_LABEL) + "\n"
            + "MATCH (b:" + Schema.ENTITY_LABEL + " {id: row.to}) " + idIndex("b", Schema.ENTITY_LABEL) + "\n"
            + "CREATE (a)-[r:$(row.type)]->(b) SET r = row.props\n"
            + "RETURN count(*) AS n";

    /**
     * Deletes relationships of one type by key, through the key index: for those whose start node has no
     * entity id (not written by kg). Types the schema no longer declares have no key index.
     */
    static String deleteRelationships(String type, boolean indexed) {
        return "UNWIND $keys AS key MATCH ()-[r:`" + type + "` {key: key}]->()"
                + (indexed ? " USING INDEX r:`" + type + "`(key)" : "") + "\n"
                + "DELETE r RETURN count(*) AS n";
    }

    /**
     * Every lookup by id or key names its index: plans are cached, and one planned while the store was empty
     * (no statistics yet) may scan labels instead, which is quadratic over a load.
     */
    private static String idIndex(String variable, String label) {
        return "USING INDEX " + variable + ":" + label + "(id)";
    }

    /**
     * Deletes the relationships kg wrote (those with a key) that are still attached to nodes of a label, by id,
     * returning each one's key: run on nodes about to be removed, after the relationships to remove are gone.
     */
    static String deleteKeyedRelationshipsOf(String label) {
        return "UNWIND $keys AS key MATCH (n:" + label + " {id: key}) " + idIndex("n", label)
                + " MATCH (n)-[r]-() WHERE r.key IS NOT NULL WITH DISTINCT r WITH r, r.key AS key DELETE r RETURN key";
    }

    /** Deletes nodes of a label by id, with whatever relationships are still attached. */
    static String deleteNodes(String label) {
        return "UNWIND $keys AS key MATCH (n:" + label + " {id: key}) " + idIndex("n", label)
                + " DETACH DELETE n RETURN count(*) AS n";
    }
}
