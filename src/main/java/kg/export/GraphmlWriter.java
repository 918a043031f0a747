package kg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GraphML 1.0 as a stream: the keys, then each node and edge as it is handed over. The output
 * validates against the GraphML schema: no attributes beyond it on any element (no "labels" as APOC writes),
 * NMTOKEN ids, every string made safe for XML 1.0. The same calls give the same bytes.
 */
final class GraphmlWriter {

    private final Writer out;
    private final boolean asciiOnly;
    private final Map<String, Keys.Key> nodeKeys = new HashMap<>();
    private final Map<String, Keys.Key> edgeKeys = new HashMap<>();

    /** With {@code asciiOnly}, every character beyond ASCII is a character reference (for terminals). */
    GraphmlWriter(Writer out, boolean asciiOnly) {
        this.out = out;
        this.asciiOnly = asciiOnly;
    }

    void begin(List<Keys.Key> keys) {
        try {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
                    + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
            for (Keys.Key key : keys) {
                (key.domain().equals("node") ? nodeKeys : edgeKeys).put(key.name(), key);
                out.write("  <key id=\"");
                out.write(key.id());
                out.write("\" for=\"");
                out.write(key.domain());
                out.write("\" attr.name=\"");
                out.write(Xml.nmtoken(key.name()));
                out.write("\" attr.type=\"");
                out.write(key.type().attrType());
                out.write("\"/>\n");
            }
            out.write("  <graph id=\"G\" edgedefault=\"directed\">\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void node(ExportNode node) {
        try {
            out.write("    <node id=\"");
            out.write(node.id());
            out.write("\">\n");
            data(node.data(), nodeKeys);
            out.write("    </node>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void edge(ExportEdge edge) {
        try {
            out.write("    <edge id=\"");
            out.write(edge.id());
            out.write("\" source=\"");
            out.write(edge.source());
            out.write("\" target=\"");
            out.write(edge.target());
            out.write("\">\n");
            data(edge.data(), edgeKeys);
            out.write("    </edge>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end() {
        try {
            out.write("  </graph>\n</graphml>\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void data(Map<String, Object> data, Map<String, Keys.Key> keys) throws IOException {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Keys.Key key = keys.get(e.getKey());
            if (key == null) {
                throw new IllegalStateException("no key declared for " + e.getKey());
            }
            out.write("      <data key=\"");
            out.write(key.id());
            out.write("\">");
            Xml.text(key.type().format(e.getValue()), out, asciiOnly);
            out.write("</data>\n");
        }
    }
}
