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
        /** One node per row, in column {@code n}. */
        NODES,
        /**
         * One relationship per row in column {@code r}, with the kg ids of its ends in {@code source} and
         * {@code target}; the ends come from a NODES statement of the same selection.
         */
        EDGES,
        /** Any values: every node, relationship and path found in them (also inside lists and maps). */
        ANY
    }

    /** The id of a node as kg knows it: its stable fact id (the store's element id for a node kg did not write). */
    String NODE_ID = "coalesce(%1$s.id, elementId(%1$s))";

    List<Statement> statements();

    /** Every node and relationship in the store. */
    record WholeGraph() implements Selection {
        @Override
        public List<Statement> statements() {
            return List.of(
                    new Statement("MATCH (n) RETURN n", Map.of(), Shape.NODES),
                    new Statement("MATCH (a)-[r]->(b) RETURN r, " + NODE_ID.formatted("a") + " AS source, "
                            + NODE_ID.formatted("b") + " AS target", Map.of(), Shape.EDGES));
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
                    new Statement(ball + "UNWIND nodes AS n RETURN n", parameters, Shape.NODES),
                    new Statement(ball + "UNWIND relationships AS r RETURN r, "
                            + NODE_ID.formatted("startNode(r)") + " AS source, "
                            + NODE_ID.formatted("endNode(r)") + " AS target", parameters, Shape.EDGES));
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
