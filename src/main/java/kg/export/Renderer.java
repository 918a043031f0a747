package kg.export;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each node and edge as GraphML bytes as soon as it is read, so that what the export sorts and spools
 * is small and cheap to compare and copy ({@link Rendered}), not a map of values. The keys come first in the
 * file but are known only once every element has been seen: until then a value goes under the key id its
 * name gives and as its own type's text, and each value whose declared type may write it otherwise is noted,
 * to be rewritten by {@link #copy}. Given the declared keys (a second pass, when {@link #fits} says two key
 * names make the same id), it writes with them directly.
 */
final class Renderer implements GraphmlWriter.Provisional {

    private static final long INTEGER = 'i';
    private static final long FLOAT = 'f';

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final XmlOutput out;
    private final GraphmlWriter writer;
    private final Map<String, String> nodeKeyIds = new HashMap<>();
    private final Map<String, String> edgeKeyIds = new HashMap<>();
    private final Map<String, Integer> noteIndex = new HashMap<>();
    private final List<String> noteKeys = new ArrayList<>();
    private long start;
    private long[] notes = new long[12];
    private int noted;
    private List<Keys.Key> typesFor;
    private GraphmlType[] declaredTypes;

    /** {@code declared}: the keys, when already known; null to write before they are. */
    Renderer(boolean asciiOnly, List<Keys.Key> declared) {
        out = new XmlOutput(bytes, asciiOnly);
        if (declared == null) {
            writer = new GraphmlWriter(out, this);
        } else {
            writer = new GraphmlWriter(out);
            writer.declare(declared);
        }
    }

    Rendered node(ExportNode node) {
        begin();
        writer.node(node);
        return end(Rendered.key(node.id(), node.elementId()));
    }

    Rendered edge(ExportEdge edge) {
        begin();
        writer.edge(edge);
        return end(Rendered.key(edge.source(), edge.target(), edge.type(), edge.key(), edge.elementId()));
    }

    private void begin() {
        start = out.position();
        noted = 0;
    }

    private Rendered end(byte[] key) {
        out.flush();
        byte[] xml = bytes.toByteArray();
        bytes.reset();
        return new Rendered(key, xml, noted == 0 ? Rendered.NO_NOTES : Arrays.copyOf(notes, noted));
    }

    @Override
    public String keyId(String domain, String name) {
        return keyIds(domain).computeIfAbsent(name, n -> Keys.firstChoiceId(Keys.prefix(domain), n));
    }

    @Override
    public void wroteValue(String domain, String name, Object value, long offset) {
        int key = noteIndex.computeIfAbsent(qualified(domain, name), q -> {
            noteKeys.add(q);
            return noteKeys.size() - 1;
        });
        if (noted + 3 > notes.length) {
            notes = Arrays.copyOf(notes, notes.length * 2);
        }
        notes[noted++] = (offset - start) << 32 | key;
        if (value instanceof Float f) {
            notes[noted++] = FLOAT;
            notes[noted++] = Float.floatToRawIntBits(f);
        } else {
            notes[noted++] = INTEGER;
            notes[noted++] = ((Number) value).longValue();
        }
    }

    /** Whether the declared keys have the ids written (they do unless two names make the same NMTOKEN). */
    boolean fits(List<Keys.Key> declared) {
        for (Keys.Key key : declared) {
            String written = keyIds(key.domain()).get(key.name());
            if (written != null && !written.equals(key.id())) {
                return false;
            }
        }
        return true;
    }

    /** Writes an element into the file, each noted value as its declared key's type writes it. */
    void copy(Rendered element, XmlOutput into, List<Keys.Key> declared) {
        byte[] xml = element.xml();
        long[] notes = element.notes();
        int from = 0;
        for (int i = 0; i < notes.length; i += 3) {
            int offset = (int) (notes[i] >>> 32);
            Object value = notes[i + 1] == FLOAT ? (Object) Float.intBitsToFloat((int) notes[i + 2]) : (Object) notes[i + 2];
            String written = GraphmlType.of(value).format(value);
            String wanted = declaredTypes(declared)[(int) notes[i]].format(value);
            if (!wanted.equals(written)) {
                into.bytes(xml, from, offset - from);
                into.markup(wanted);
                from = offset + written.length();
            }
        }
        into.bytes(xml, from, xml.length - from);
    }

    /** The declared type of each noted key, by its index in the notes. */
    private GraphmlType[] declaredTypes(List<Keys.Key> declared) {
        if (typesFor != declared) {
            Map<String, GraphmlType> types = new HashMap<>();
            declared.forEach(k -> types.put(qualified(k.domain(), k.name()), k.type()));
            declaredTypes = noteKeys.stream().map(types::get).toArray(GraphmlType[]::new);
            typesFor = declared;
        }
        return declaredTypes;
    }

    private Map<String, String> keyIds(String domain) {
        return domain.equals("node") ? nodeKeyIds : edgeKeyIds;
    }

    private static String qualified(String domain, String name) {
        return domain + ':' + name;
    }
}
