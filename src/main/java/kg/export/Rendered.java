package kg.export;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A node or edge already written as GraphML (UTF-8), with what it sorts by as one byte string ({@link #key}):
 * for a node its id and element id ({@link ExportNode#ORDER}), for an edge its source, target, type, key and
 * element id ({@link ExportEdge#ORDER}). It is written before the export's keys are known, so each value whose
 * text may depend on its key's declared type (an integer under a key that also holds decimals) is noted in
 * {@code notes}, three longs each: its byte offset in {@code xml} with the index of its key's name
 * ({@link Renderer}), its kind, its bits.
 */
record Rendered(byte[] key, long prefix, byte[] xml, long[] notes) {

    static final long[] NO_NOTES = new long[0];

    /**
     * As the element orders compare their fields one after the other: the keys' bytes, unsigned; their first
     * eight bytes, held in the element, settle most comparisons without a look into the key (sorting was
     * mostly waiting for memory).
     */
    static final Comparator<Rendered> ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.prefix, b.prefix);
        return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
    };

    Rendered(byte[] key, byte[] xml, long[] notes) {
        this(key, prefix(key), xml, notes);
    }

    /** The first eight bytes of a key, big-endian, zeros after its end. */
    private static long prefix(byte[] key) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | (i < key.length ? key[i] & 0xFF : 0);
        }
        return prefix;
    }

    /**
     * Fields as one byte string whose unsigned order is theirs compared one by one with {@link String#compareTo}:
     * each char as one byte (U+0000-U+007E, plus one) or three (from U+007F: 0x80 and its top four bits, then
     * six bits plus one, twice), each field ended by the only zero byte, so that a field that is a prefix of
     * another sorts first.
     */
    static byte[] key(String... fields) {
        int length = 0;
        for (String f : fields) {
            length += f.length() + 1;
            for (int i = 0; i < f.length(); i++) {
                if (f.charAt(i) >= 0x7F) {
                    length += 2;
                }
            }
        }
        byte[] key = new byte[length];
        int at = 0;
        for (String f : fields) {
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c < 0x7F) {
                    key[at++] = (byte) (c + 1);
                } else {
                    key[at++] = (byte) (0x80 | c >>> 12);
                    key[at++] = (byte) ((c >>> 6 & 0x3F) + 1);
                    key[at++] = (byte) ((c & 0x3F) + 1);
                }
            }
            key[at++] = 0;
        }
        return key;
    }

    /** The first field of the key: a node's GraphML id. */
    String first() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; key[i] != 0; i++) {
            int b = key[i] & 0xFF;
            if (b < 0x80) {
                sb.append((char) (b - 1));
            } else {
                sb.append((char) ((b & 0x0F) << 12 | (key[i + 1] - 1) << 6 | key[i + 2] - 1));
                i += 2;
            }
        }
        return sb.toString();
    }

    /** Whether both have the same first field. */
    boolean sameFirst(Rendered other) {
        int end = 0;
        while (key[end] != 0) {
            end++;
        }
        return other.key.length > end && other.key[end] == 0 && Arrays.equals(key, 0, end, other.key, 0, end);
    }

    /** Rough heap size, to bound what a spool holds in memory. */
    long size() {
        return 64 + key.length + xml.length + 8L * notes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rendered r && prefix == r.prefix && Arrays.equals(key, r.key) && Arrays.equals(xml, r.xml)
                && Arrays.equals(notes, r.notes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(xml);
    }

    @Override
    public String toString() {
        return first();
    }
}
