package kg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kg.UserError;
import kg.store.GraphNode;
import kg.store.GraphPath;
import kg.store.GraphRelationship;
import kg.store.GraphStore;
import kg.store.Rows;
import kg.store.Tx;

/**
 * Exports a selection of the graph as GraphML. Everything is read in one read-only transaction and spooled
 * (sorted, without duplicates, spilling to temporary files past a memory budget); then the keys, the nodes in
 * kg-id order and the edges in (source, target, type, key) order are written. Memory stays flat whatever the
 * size, and the same graph gives the same bytes.
 */
public final class GraphmlExport {

    /** What was written. */
    public record Counts(long nodes, long edges) {
    }

    /** Rough bytes of elements each spool holds in memory before it writes a run to disk. */
    public static final long DEFAULT_BUDGET = 4L << 20;

    /** Relationships whose ends are looked up together, for statements that return bare relationships. */
    static final int ENDS_BATCH = 500;

    static final String ENDS = "UNWIND $ids AS rid\n"
            + "MATCH (a)-[r]->(b) WHERE elementId(r) = rid\n"
            + "RETURN rid, a, b";

    private final GraphStore store;
    private final long budget;

    public GraphmlExport(GraphStore store) {
        this(store, DEFAULT_BUDGET);
    }

    GraphmlExport(GraphStore store, long budget) {
        this.store = store;
        this.budget = budget;
    }

    /**
     * Writes the selection to {@code out} (not closed). With {@code asciiOnly}, characters beyond ASCII are
     * written as character references, for a terminal of unknown encoding.
     */
    public Counts write(Selection selection, Writer out, boolean asciiOnly) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kg-export-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Spool<ExportNode> nodes = new Spool<>(Codec.NODE, ExportNode.ORDER, budget, dir, "nodes-");
             Spool<ExportEdge> edges = new Spool<>(Codec.EDGE, ExportEdge.ORDER, budget, dir, "edges-")) {
            Keys keys = new Keys();
            Collector collector = new Collector(nodes, edges, keys);
            store.read(tx -> {
                if (selection instanceof Selection.Around around) {
                    requireCentre(tx, around);
                }
                for (Selection.Statement statement : selection.statements()) {
                    collector.run(tx, statement);
                }
                return null;
            });
            GraphmlWriter writer = new GraphmlWriter(out, asciiOnly);
            writer.begin(keys.declared());
            long[] counts = new long[2];
            ExportNode[] previous = new ExportNode[1];
            nodes.drain(n -> {
                if (previous[0] != null && previous[0].id().equals(n.id())) {
                    throw new UserError("cannot export: two nodes have the same id `" + n.id() + "`", 1);
                }
                previous[0] = n;
                writer.node(n);
                counts[0]++;
            });
            edges.drain(e -> {
                writer.edge(e);
                counts[1]++;
            });
            writer.end();
            return new Counts(counts[0], counts[1]);
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // left in the temporary folder
            }
        }
    }

    private static void requireCentre(Tx tx, Selection.Around around) {
        long found = ((Number) tx.run(Selection.Around.EXISTS, Map.of("id", around.id())).single().get("n")).longValue();
        if (found == 0) {
            throw new UserError("no entity or source with id `" + around.id() + "`", 1);
        }
    }

    /** Reads statements' rows into the spools and the keys. */
    private static final class Collector {
        private final Spool<ExportNode> nodes;
        private final Spool<ExportEdge> edges;
        private final Keys keys;

        Collector(Spool<ExportNode> nodes, Spool<ExportEdge> edges, Keys keys) {
            this.nodes = nodes;
            this.edges = edges;
            this.keys = keys;
        }

        void run(Tx tx, Selection.Statement statement) {
            long rows = 0;
            long found = 0;
            Map<String, GraphRelationship> bare = new LinkedHashMap<>();
            try (Rows result = tx.run(statement.cypher(), statement.parameters())) {
                while (result.hasNext()) {
                    Map<String, Object> row = result.next();
                    rows++;
                    switch (statement.shape()) {
                        case NODES -> {
                            node((GraphNode) row.get("n"));
                            found++;
                        }
                        case EDGES -> {
                            edge((GraphRelationship) row.get("r"), (String) row.get("source"), (String) row.get("target"));
                            found++;
                        }
                        case ANY -> {
                            found += any(row.values(), bare);
                            if (bare.size() >= ENDS_BATCH) {
                                resolveEnds(tx, bare);
                            }
                        }
                    }
                }
            }
            resolveEnds(tx, bare);
            if (rows > 0 && found == 0) {
                throw new UserError("the statement returned no nodes, relationships or paths to export (it returned "
                        + rows + " row" + (rows == 1 ? "" : "s") + "); return whole nodes, relationships or paths,"
                        + " e.g. RETURN n, r, p", 1);
            }
        }

        /** Every node, path and relationship in a row; relationships whose ends are not in the row wait in {@code bare}. */
        private long any(Collection<Object> values, Map<String, GraphRelationship> bare) {
            List<GraphNode> rowNodes = new ArrayList<>();
            List<GraphPath> paths = new ArrayList<>();
            List<GraphRelationship> rels = new ArrayList<>();
            for (Object value : values) {
                find(value, rowNodes, paths, rels);
            }
            Map<String, GraphNode> byElement = new HashMap<>();
            for (GraphNode n : rowNodes) {
                node(n);
                byElement.put(n.elementId(), n);
            }
            for (GraphPath p : paths) {
                for (GraphNode n : p.nodes()) {
                    node(n);
                    byElement.put(n.elementId(), n);
                }
                rels.addAll(p.relationships());
            }
            for (GraphRelationship r : rels) {
                GraphNode start = byElement.get(r.startElementId());
                GraphNode end = byElement.get(r.endElementId());
                if (start != null && end != null) {
                    edge(r, start.id(), end.id());
                } else {
                    bare.put(r.elementId(), r);
                }
            }
            return rowNodes.size() + paths.size() + rels.size();
        }

        private static void find(Object value, List<GraphNode> nodes, List<GraphPath> paths, List<GraphRelationship> rels) {
            if (value instanceof GraphNode n) {
                nodes.add(n);
            } else if (value instanceof GraphRelationship r) {
                rels.add(r);
            } else if (value instanceof GraphPath p) {
                paths.add(p);
            } else if (value instanceof Collection<?> c) {
                c.forEach(v -> find(v, nodes, paths, rels));
            } else if (value instanceof Map<?, ?> m) {
                m.values().forEach(v -> find(v, nodes, paths, rels));
            }
        }

        /** Looks up the ends of relationships returned without them, and spools both ends and the relationships. */
        private void resolveEnds(Tx tx, Map<String, GraphRelationship> bare) {
            if (bare.isEmpty()) {
                return;
            }
            try (Rows ends = tx.run(ENDS, Map.of("ids", List.copyOf(bare.keySet())))) {
                while (ends.hasNext()) {
                    Map<String, Object> row = ends.next();
                    GraphRelationship r = bare.get((String) row.get("rid"));
                    GraphNode a = (GraphNode) row.get("a");
                    GraphNode b = (GraphNode) row.get("b");
                    node(a);
                    node(b);
                    edge(r, a.id(), b.id());
                }
            }
            bare.clear();
        }

        private void node(GraphNode n) {
            ExportNode node = ExportNode.of(n);
            keys.observeNode(node.data());
            nodes.add(node);
        }

        private void edge(GraphRelationship r, String sourceId, String targetId) {
            ExportEdge edge = ExportEdge.of(r, Xml.nmtoken(sourceId), Xml.nmtoken(targetId));
            keys.observeEdge(edge.data());
            edges.add(edge);
        }
    }
}
