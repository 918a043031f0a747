package kg.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

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

    /**
     * Told how far a long export has got, every so many elements: as they are read from the store (and
     * rendered), then as they are written to the file. Called on the export's threads, not the caller's.
     */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void read(long elements) {
            }

            @Override
            public void written(long elements) {
            }
        };

        /** Elements read so far (counted again from 0 if the export has to read a second time). */
        void read(long elements);

        /** Elements written so far. */
        void written(long elements);
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
    private final Progress progress;
    private final long every;

    public GraphmlExport(GraphStore store) {
        this(store, DEFAULT_BUDGET);
    }

    GraphmlExport(GraphStore store, long budget) {
        this(store, budget, Progress.NONE, Long.MAX_VALUE);
    }

    private GraphmlExport(GraphStore store, long budget, Progress progress, long every) {
        this.store = store;
        this.budget = budget;
        this.progress = progress;
        this.every = every;
    }

    /** This export, telling {@code progress} each time another {@code every} elements have been read or written. */
    public GraphmlExport withProgress(Progress progress, long every) {
        if (every <= 0) {
            throw new IllegalArgumentException("every must be above 0");
        }
        return new GraphmlExport(store, budget, progress, every);
    }

    /**
     * Writes the selection to {@code out} (not closed) as UTF-8. With {@code asciiOnly}, characters beyond ASCII
     * are written as character references, for a terminal of unknown encoding.
     */
    public Counts write(Selection selection, OutputStream out, boolean asciiOnly) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kg-export-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        XmlOutput xml = new XmlOutput(out, asciiOnly);
        try {
            return store.read(tx -> {
                if (selection instanceof Selection.Around around) {
                    requireCentre(tx, around);
                }
                Keys keys = new Keys();
                Counts counts = export(tx, selection, dir, xml, keys, new Renderer(asciiOnly, null));
                if (counts == null) {
                    counts = export(tx, selection, dir, xml, new Keys(), new Renderer(asciiOnly, keys.declared()));
                }
                return counts;
            });
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // left in the temporary folder
            }
        }
    }

    /** As {@link #write(Selection, OutputStream, boolean)}, as characters. */
    public Counts write(Selection selection, Writer out, boolean asciiOnly) {
        DecodingStream bytes = new DecodingStream(out);
        Counts counts = write(selection, bytes, asciiOnly);
        bytes.flush();
        return counts;
    }

    /**
     * Reads the selection into the spools, rendered, and writes the file from them; null, having written
     * nothing, when the renderer wrote key ids other than the declared ones (read again with them).
     */
    private Counts export(Tx tx, Selection selection, Path dir, XmlOutput out, Keys keys, Renderer renderer) {
        try (Spool<Rendered> nodes = new Spool<>(Codec.RENDERED, Rendered.ORDER, budget, dir, "nodes-");
             Spool<Rendered> edges = new Spool<>(Codec.RENDERED, Rendered.ORDER, budget, dir, "edges-")) {
            Collector collector = new Collector(nodes, edges, keys, renderer, this::read);
            for (Selection.Statement statement : selection.statements()) {
                collector.run(tx, statement);
            }
            List<Keys.Key> declared = keys.declared();
            if (!renderer.fits(declared)) {
                return null;
            }
            GraphmlWriter writer = new GraphmlWriter(out);
            writer.begin(declared);
            long[] counts = new long[2];
            Rendered[] previous = new Rendered[1];
            nodes.drain(n -> {
                if (previous[0] != null && previous[0].sameFirst(n)) {
                    throw sameId(n.first());
                }
                previous[0] = n;
                renderer.copy(n, out, declared);
                written(++counts[0]);
            });
            edges.drain(e -> {
                renderer.copy(e, out, declared);
                written(counts[0] + ++counts[1]);
            });
            writer.end();
            return new Counts(counts[0], counts[1]);
        }
    }

    private void read(long elements) {
        if (elements % every == 0) {
            progress.read(elements);
        }
    }

    private void written(long elements) {
        if (elements % every == 0) {
            progress.written(elements);
        }
    }

    static UserError sameId(String id) {
        return new UserError("cannot export: two nodes have the same id `" + id + "`", 1);
    }

    private static void requireCentre(Tx tx, Selection.Around around) {
        long found = ((Number) tx.run(Selection.Around.EXISTS, Map.of("id", around.id())).single().get("n")).longValue();
        if (found == 0) {
            throw new UserError("no entity or source with id `" + around.id() + "`", 1);
        }
    }

    /** Reads statements' rows into the keys and, rendered, into the spools. */
    private static final class Collector {
        private final Spool<Rendered> nodes;
        private final Spool<Rendered> edges;
        private final Keys keys;
        private final Renderer renderer;
        /** Told the number of elements spooled so far, after each one. */
        private final LongConsumer spooled;
        private long elements;

        Collector(Spool<Rendered> nodes, Spool<Rendered> edges, Keys keys, Renderer renderer,
                  LongConsumer spooled) {
            this.nodes = nodes;
            this.edges = edges;
            this.keys = keys;
            this.renderer = renderer;
            this.spooled = spooled;
        }

        void run(Tx tx, Selection.Statement statement) {
            if (statement.shape() != Selection.Shape.ANY) {
                try (Rows result = tx.run(statement.cypher(), statement.parameters())) {
                    RowPipeline.run(result, row -> fromParts(statement.shape(), row));
                }
                return;
            }
            long rows = 0;
            long found = 0;
            Map<String, GraphRelationship> bare = new LinkedHashMap<>();
            try (Rows result = tx.run(statement.cypher(), statement.parameters())) {
                while (result.hasNext()) {
                    Map<String, Object> row = result.next();
                    rows++;
                    found += any(row.values(), bare);
                    if (bare.size() >= ENDS_BATCH) {
                        resolveEnds(tx, bare);
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

        /** A row of a NODES or EDGES statement. */
        private void fromParts(Selection.Shape shape, Map<String, Object> row) {
            if (shape == Selection.Shape.NODES) {
                GraphNode node = nodeOf(row);
                node(node);
                if (row.get("out") instanceof List<?> out) {
                    outgoing(node, out);
                }
            } else {
                edge(ExportEdge.of((String) row.get("element"), (String) row.get("type"), properties(row),
                        Xml.nmtoken((String) row.get("source")), Xml.nmtoken((String) row.get("target"))));
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
            nodes.add(renderer.node(node));
            spooled.accept(++elements);
        }

        /** The relationships of {@link Selection#OUTGOING}: each [element id, type, properties, target's kg id]. */
        @SuppressWarnings("unchecked")
        private void outgoing(GraphNode source, List<?> out) {
            String sourceId = Xml.nmtoken(source.id());
            for (Object o : out) {
                List<Object> r = (List<Object>) o;
                edge(ExportEdge.of((String) r.get(0), (String) r.get(1), (Map<String, Object>) r.get(2), sourceId,
                        Xml.nmtoken((String) r.get(3))));
            }
        }

        /** A node from the columns of {@link Selection#NODE_PARTS}. */
        @SuppressWarnings("unchecked")
        private static GraphNode nodeOf(Map<String, Object> row) {
            List<String> labels = new ArrayList<>((List<String>) row.get("labels"));
            labels.sort(null);
            return new GraphNode((String) row.get("element"), labels, properties(row));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> properties(Map<String, Object> row) {
            return (Map<String, Object>) row.get("properties");
        }

        private void edge(GraphRelationship r, String sourceId, String targetId) {
            edge(ExportEdge.of(r, Xml.nmtoken(sourceId), Xml.nmtoken(targetId)));
        }

        private void edge(ExportEdge edge) {
            keys.observeEdge(edge.data());
            edges.add(renderer.edge(edge));
            spooled.accept(++elements);
        }
    }

    /** UTF-8 bytes handed on as characters: the export writes bytes, a caller with a Writer gets text. */
    private static final class DecodingStream extends OutputStream {
        private final Writer out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        private final ByteBuffer pending = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);

        DecodingStream(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int at = offset;
            int end = offset + length;
            while (at < end) {
                int n = Math.min(pending.remaining(), end - at);
                pending.put(bytes, at, n);
                at += n;
                pending.flip();
                decode();
                pending.compact();
            }
        }

        /** Decodes what is pending; a character cut in two by a write waits for its other bytes. */
        private void decode() {
            while (true) {
                CoderResult result = decoder.decode(pending, chars, false);
                drain();
                if (result.isUnderflow()) {
                    return;
                }
                if (result.isError()) {
                    throw new IllegalStateException("the export wrote bytes that are not UTF-8: " + result);
                }
            }
        }

        private void drain() {
            chars.flip();
            try {
                out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            chars.clear();
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
