package kg.facts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one fact file declared and what it referred to, as 64-bit fingerprints of kind and id (or key): enough
 * to load a later revision without reading the files that did not change. A loader keeps these beside the
 * graph; the next load then knows which stored facts an unchanged file still claims, and which ids it still
 * needs, from these numbers alone (5 million of them for a million entities: 40 MB, not the files' 364 MB).
 *
 * <p>Two ids may share a fingerprint (for a million entities, about one load in a million). A loader that uses
 * these checks that the unchanged files claim exactly as many stored facts as they have fingerprints, which a
 * shared fingerprint upsets, and reads every file then.
 *
 * <p>The declared ids themselves are kept too, compactly ({@link #forEachId}), each with 64 bits of its content
 * hash (and an entity's type): when the file changes, the next load knows what it declared before, and which of
 * its facts are unchanged, without reading the store.
 *
 * @param file the file's absolute, normalized path
 * @param declared sorted, without repeats
 * @param referenced sorted, without repeats
 * @param ids the declared ids in file order (repeats included), encoded and deflated
 */
public record FileFacts(String file, long[] declared, long[] referenced, byte[] ids) {

    /** Kinds of id: sources and entities share one name space in the files, relationship keys have their own. */
    public static final char SOURCE = 'S';
    public static final char ENTITY = 'E';
    public static final char RELATIONSHIP = 'R';

    /** Fingerprint of an id of a kind: stable across runs and machines (it is stored). */
    public static long fingerprint(char kind, String id) {
        long h = 0xcbf29ce484222325L ^ kind; // FNV-1a over the UTF-16 units, then a full-avalanche finish
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /**
     * Receives the declared ids of a file: {@code type} is the entity or relationship type (null for a source),
     * {@code hash} the first 64 bits of the fact's content hash.
     */
    public interface IdVisitor {
        void id(char kind, String type, String id, long hash);
    }

    /** Kind byte of a relationship key written as {@code TYPE:...} (its type is not repeated). */
    private static final byte PREFIXED_KEY = 'K';

    /** Decodes {@link #ids()}, in file order. */
    public void forEachId(IdVisitor visitor) {
        byte[] plain = inflate(ids);
        int[] at = {0};
        while (at[0] < plain.length) {
            char kind = (char) plain[at[0]++];
            String id = text(plain, at);
            String type = switch (kind) {
                case PREFIXED_KEY -> id.substring(0, id.indexOf(':'));
                case SOURCE -> null;
                default -> text(plain, at);
            };
            long hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = hash << 8 | (plain[at[0]++] & 0xff);
            }
            visitor.id(kind == PREFIXED_KEY ? RELATIONSHIP : kind, type, id, hash);
        }
    }

    private static String text(byte[] bytes, int[] at) {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        String text = new String(bytes, at[0], length, StandardCharsets.UTF_8);
        at[0] += length;
        return text;
    }

    /**
     * The ids are kept deflated (about a quarter of their size: they repeat a lot), in memory while a load holds
     * every file's and in the note: at a million entities that is the difference between fitting a 1 GiB heap
     * beside Neo4j's importer and not.
     */
    private static byte[] deflate(byte[] plain, int length) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain, 0, length);
            deflater.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, length / 3));
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(deflated);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(deflated.length * 4);
            byte[] buffer = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("damaged ids");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("damaged ids", e);
        } finally {
            inflater.end();
        }
    }

    /** The first 64 bits of a content hash (hex), as kept here. */
    public static long hashBits(String hash) {
        if (hash.length() < 16) {
            throw new NumberFormatException("not a content hash: " + hash);
        }
        long bits = 0;
        for (int i = 0; i < 16; i++) { // by hand: Long.parseUnsignedLong was a twentieth of validating a large set
            char c = hash.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw new NumberFormatException("not a content hash: " + hash);
            }
            bits = bits << 4 | digit;
        }
        return bits;
    }


    /** True when the sorted fingerprints hold this one. */
    public static boolean contains(long[] sorted, long fingerprint) {
        return Arrays.binarySearch(sorted, fingerprint) >= 0;
    }

    /** The union of many sorted sets, sorted and without repeats. */
    public static long[] union(Iterable<long[]> sets) {
        int size = 0;
        for (long[] s : sets) {
            size += s.length;
        }
        long[] all = new long[size];
        int at = 0;
        for (long[] s : sets) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        return distinctSorted(all, all.length);
    }

    /** The first {@code n} values, sorted and without repeats (sorts in place). */
    static long[] distinctSorted(long[] values, int n) {
        Arrays.sort(values, 0, n);
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (out == 0 || values[out - 1] != values[i]) {
                values[out++] = values[i];
            }
        }
        return Arrays.copyOf(values, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileFacts f && f.file.equals(file) && Arrays.equals(f.declared, declared)
                && Arrays.equals(f.referenced, referenced) && Arrays.equals(f.ids, ids);
    }

    @Override
    public int hashCode() {
        return file.hashCode() * 31 + Arrays.hashCode(declared);
    }

    @Override
    public String toString() {
        return "FileFacts[" + file + ", " + declared.length + " declared, " + referenced.length + " referenced, "
                + ids.length + " bytes of ids]";
    }

    /** Collects the facts of each file of a pass, file by file; one that is off collects nothing. */
    static final class Recorder {
        private final boolean on;
        private final java.util.List<FileFacts> files = new java.util.ArrayList<>();
        private Builder current;

        Recorder(boolean on) {
            this.on = on;
        }

        /** The next file starts. */
        void file(String path) {
            if (on) {
                finishFile();
                current = new Builder(path);
            }
        }

        void declaredSource(String id, String hash) {
            if (current != null) {
                current.declared(SOURCE, id, null, hash);
            }
        }

        void declaredEntity(String id, String type, String hash) {
            if (current != null) {
                current.declared(ENTITY, id, type, hash);
            }
        }

        void declaredRelationship(String type, String key, String hash) {
            if (current != null) {
                current.declaredRelationship(type, key, hash);
            }
        }

        void referenced(char kind, String id) {
            if (current != null) {
                current.referenced(kind, id);
            }
        }

        /** What each file declared and referred to, in file order. */
        java.util.List<FileFacts> finish() {
            finishFile();
            return java.util.List.copyOf(files);
        }

        private void finishFile() {
            if (current != null) {
                files.add(current.build());
                current = null;
            }
        }
    }

    /** Collects one file's fingerprints as its facts go by. */
    static final class Builder {
        private final String file;
        private long[] declared = new long[64];
        private int declaredSize;
        private long[] referenced = new long[64];
        private int referencedSize;
        private byte[] ids = new byte[256];
        private int idsSize;

        Builder(String file) {
            this.file = file;
        }

        /** A source (without a type) or an entity. */
        void declared(char kind, String id, String type, String hash) {
            fingerprinted(kind, id);
            append((byte) kind);
            append(id);
            if (type != null) {
                append(type);
            }
            append(hashBits(hash));
        }

        void declaredRelationship(String type, String key, String hash) {
            fingerprinted(RELATIONSHIP, key);
            boolean prefixed = key.length() > type.length() && key.charAt(type.length()) == ':' && key.startsWith(type);
            append(prefixed ? PREFIXED_KEY : (byte) RELATIONSHIP);
            append(key);
            if (!prefixed) {
                append(type);
            }
            append(hashBits(hash));
        }

        private void append(long bits) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                append((byte) (bits >>> shift));
            }
        }

        private void fingerprinted(char kind, String id) {
            if (declaredSize == declared.length) {
                declared = Arrays.copyOf(declared, declaredSize * 2);
            }
            declared[declaredSize++] = fingerprint(kind, id);
        }

        private void append(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int length = bytes.length; ; length >>>= 7) {
                if (length < 0x80) {
                    append((byte) length);
                    break;
                }
                append((byte) (length & 0x7f | 0x80));
            }
            if (idsSize + bytes.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, idsSize + bytes.length));
            }
            System.arraycopy(bytes, 0, ids, idsSize, bytes.length);
            idsSize += bytes.length;
        }

        private void append(byte b) {
            if (idsSize == ids.length) {
                ids = Arrays.copyOf(ids, idsSize * 2);
            }
            ids[idsSize++] = b;
        }

        void referenced(char kind, String id) {
            if (referencedSize == referenced.length) {
                referenced = Arrays.copyOf(referenced, referencedSize * 2);
            }
            referenced[referencedSize++] = fingerprint(kind, id);
        }

        FileFacts build() {
            return new FileFacts(file, distinctSorted(declared, declaredSize), distinctSorted(referenced, referencedSize),
                    deflate(ids, idsSize));
        }
    }
}
