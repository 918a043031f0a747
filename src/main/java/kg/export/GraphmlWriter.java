package kg.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GraphML 1.0 as a stream: the keys, then each node and edge as it is handed over. The output
 * validates against the GraphML schema: no attributes beyond it on any element (no "labels" as APOC
 * writes), NMTOKEN ids, every string made safe for XML 1.0. The same calls give the same bytes.
 */
final class GraphmlWriter {

    /**
     * Where data values find their key when elements are written before the keys are declared: under the id
     * their name will give, as their own type's text, told about each value a declared type may write otherwise.
     */
    interface Provisional {

        /** {@code domain}: "node" or "edge", as in {@link Keys.Key#domain}. */
        String keyId(String domain, String name);

        /** {@code value} was written as {@code GraphmlType.of(value)} writes it, starting at byte {@code offset}. */
        void wroteValue(String domain, String name, Object value, long offset);
    }

    private final XmlOutput out;
    private final Provisional provisional;
    private final Map<String, Keys.Key> nodeKeys = new HashMap<>();
    private final Map<String, Keys.Key> edgeKeys = new HashMap<>();

    /** Writes a whole file: {@link #begin} declares the keys that nodes and edges then refer to. */
    GraphmlWriter(XmlOutput out) {
        this(out, null);
    }

    /** Writes elements only, before the keys are known: see {@link Renderer}. */
    GraphmlWriter(XmlOutput out, Provisional provisional) {
        this.out = out;
        this.provisional = provisional;
    }

    void begin(List<Keys.Key> keys) {
        declare(keys);
        out.markup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.markup("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
                + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        for (Keys.Key key : keys) {
            out.markup("  <key id=\"");
            out.markup(key.id());
            out.markup("\" for=\"");
            out.markup(key.domain());
            out.markup("\" attr.name=\"");
            out.markup(Xml.nmtoken(key.name()));
            out.markup("\" attr.type=\"");
            out.markup(key.type().attrType());
            out.markup("\"/>\n");
        }
        out.markup("  <graph id=\"G\" edgedefault=\"directed\">\n");
    }

    /** The keys that nodes and edges refer to, without writing them (elements written on their own). */
    void declare(List<Keys.Key> keys) {
        for (Keys.Key key : keys) {
            (key.domain().equals("node") ? nodeKeys : edgeKeys).put(key.name(), key);
        }
    }

    void node(ExportNode node) {
        out.markup("    <node id=\"");
        out.markup(node.id());
        out.markup("\">\n");
        data(node.data(), "node", nodeKeys);
        out.markup("    </node>\n");
    }

    void edge(ExportEdge edge) {
        out.markup("    <edge id=\"");
        out.markup(edge.id());
        out.markup("\" source=\"");
        out.markup(edge.source());
        out.markup("\" target=\"");
        out.markup(edge.target());
        out.markup("\">\n");
        data(edge.data(), "edge", edgeKeys);
        out.markup("    </edge>\n");
    }

    void end() {
        out.markup("  </graph>\n</graphml>\n");
        flush();
    }

    void flush() {
        out.flush();
    }

    private void data(Map<String, Object> data, String domain, Map<String, Keys.Key> keys) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            out.markup("      <data key=\"");
            if (provisional == null) {
                Keys.Key key = keys.get(name);
                if (key == null) {
                    throw new IllegalStateException("no key declared for " + name);
                }
                out.markup(key.id());
                out.markup("\">");
                out.text(key.type().format(value));
            } else {
                out.markup(provisional.keyId(domain, name));
                out.markup("\">");
                if (GraphmlType.textDependsOnKey(value)) {
                    provisional.wroteValue(domain, name, value, out.position());
                }
                out.text(GraphmlType.of(value).format(value));
            }
            out.markup("</data>\n");
        }
    }
}
