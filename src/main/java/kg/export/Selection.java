package kg.export;

import java.util.List;
import java.util.Map;

/** What an export takes from the graph: the whole graph, the neighbourhood of an entity, or a statement's result. */
public sealed interface Selection {

    /** A statement the export runs, and how its rows are read. */
    record Statement(String cypher, Map<String, Object> parameters, Shape shape) {
    }

    /** How a statement's rows are read. */
    enum Shape {
        /**
         * One node per row, as its parts ({@link #NODE_PARTS}), and in column {@code out}, when there is one, the
         * relationships going out of it ({@link #OUTGOING}).
         */
        NODES,
        /**
         * One relationship per row, as its parts with the kg ids of its ends: {@link #EDGE_PARTS}; the ends come
         * from a NODES statement of the same selection.
         */
        EDGES,
        /** Any values: every node, relationship and path found in them (also inside lists and maps). */
        ANY
    }

    /** The id of a node as kg knows it: its stable fact id (the store's element id for a node kg did not write). */
    String NODE_ID = "coalesce(%1$s.id, elementId(%1$s))";

    /**
     * The columns of a node of a NODES statement. Parts rather than the node: Cypher reads them in the pass that
     * finds the node, where a whole node is read again for its labels and again for its properties (a fifth of
     * a large export's time).
     */
    String NODE_PARTS = "elementId(%1$s) AS element, labels(%1$s) AS labels, properties(%1$s) AS properties";

    /**
     * Column {@code out} of a NODES statement: the relationships going out of the node, found as the node is.
     * Reading them with it rather than in a statement of their own saves reading every relationship's start
     * node again for its id.
     */
    String OUTGOING = "[(%1$s)-[r]->(b) | [elementId(r), type(r), properties(r), " + NODE_ID.formatted("b") + "]] AS out";

    /** The columns of a relationship of an EDGES statement, given it and its two ends. */
    String EDGE_PARTS = "elementId(%1$s) AS element, type(%1$s) AS type, properties(%1$s) AS properties, "
            + NODE_ID.replace("%1$s", "%2$s") + " AS source, " + NODE_ID.replace("%1$s", "%3$s") + " AS target";

    List<Statement> statements();

    /** Every node and relationship in the store. */
    record WholeGraph() implements Selection {
        @Override
        public List<Statement> statements() {
            return List.of(new Statement("MATCH (n) RETURN " + NODE_PARTS.formatted("n") + ", " + OUTGOING.formatted("n"),
                    Map.of(), Shape.NODES));
        }
    }

    /**
     * The neighbourhood of one node: every node at most {@code depth} relationships away (in either direction)
     * and every relationship between two of them.
     */
    record Around(String id, int depth) implements Selection {

        public Around {
            if (depth < 0) {
                throw new IllegalArgumentException("depth must be 0 or more");
            }
        }

        /** The centre, found through the id constraints' indexes (entity and source ids are unique together). */
        static final String CENTER = "CALL { MATCH (c:Entity {id: $id}) RETURN c UNION MATCH (c:Source {id: $id}) RETURN c }\n";

        /** Finds the centre: no row when there is no node with this id. */
        static final String EXISTS = CENTER + "RETURN count(c) AS n";

        @Override
        public List<Statement> statements() {
            String ball = CENTER + "CALL apoc.path.subgraphAll(c, {maxLevel: $depth}) YIELD nodes, relationships\n";
            Map<String, Object> parameters = Map.of("id", id, "depth", depth);
            return List.of(
                    new Statement(ball + "UNWIND nodes AS n RETURN " + NODE_PARTS.formatted("n"), parameters, Shape.NODES),
                    new Statement(ball + "UNWIND relationships AS r RETURN "
                            + EDGE_PARTS.formatted("r", "startNode(r)", "endNode(r)"), parameters, Shape.EDGES));
        }
    }

    /** Whatever a read-only statement returns: its nodes, relationships and paths, with the ends of each relationship. */
    record Cypher(String cypher, Map<String, Object> parameters) implements Selection {
        @Override
        public List<Statement> statements() {
            return List.of(new Statement(cypher, parameters, Shape.ANY));
        }
    }
}
