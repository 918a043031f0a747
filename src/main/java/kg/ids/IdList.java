package kg.ids;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import kg.UserError;

/**
 * A list of ids, each with an int tag and a long (a packed position in a file, say), kept as bytes in one array
 * rather than as objects: validation holds an entry for every id, key and pending reference of the set (over
 * six million for a million entities), and as {@code String}s, records and map nodes they took about 150 bytes
 * each, more than a 1 GiB heap can give beside a load. Here an entry of a short id takes about 30. The bulk
 * import numbers its nodes with them too.
 */
public final class IdList {

    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    private byte[] bytes = new byte[1 << 12];
    private int used;
    private int[] starts = new int[256];
    private int[] tags = new int[256];
    private long[] values = new long[256];
    private int size;

    public int size() {
        return size;
    }

    /** Appends an entry; returns its index. */
    public int add(byte[] id, int tag, long value) {
        if (size == starts.length) {
            int grown = grown(size);
            starts = Arrays.copyOf(starts, grown);
            tags = Arrays.copyOf(tags, grown);
            values = Arrays.copyOf(values, grown);
        }
        int need = id.length + 5;
        if (used > MAX_BYTES - need) {
            throw new UserError("too many ids to check in one set (over 2 GiB of them); load it in parts", 2);
        }
        if (used + need > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BYTES, Math.max(used + need, (long) grown(bytes.length))));
        }
        starts[size] = used;
        for (int length = id.length; ; length >>>= 7) {
            if (length < 0x80) {
                bytes[used++] = (byte) length;
                break;
            }
            bytes[used++] = (byte) (length & 0x7f | 0x80);
        }
        System.arraycopy(id, 0, bytes, used, id.length);
        used += id.length;
        tags[size] = tag;
        values[size] = value;
        return size++;
    }

    public String id(int index) {
        long span = span(index);
        int at = (int) (span >>> 32);
        int length = (int) span;
        return new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    public int tag(int index) {
        return tags[index];
    }

    /** Replaces an entry's tag and long (its id stays). */
    public void set(int index, int tag, long value) {
        tags[index] = tag;
        values[index] = value;
    }

    public long value(int index) {
        return values[index];
    }

    /** True when the entry's id is these bytes. */
    public boolean idIs(int index, byte[] id) {
        long span = span(index);
        int at = (int) (span >>> 32);
        int length = (int) span;
        return length == id.length && Arrays.equals(bytes, at, at + length, id, 0, length);
    }

    /** Where the entry's id bytes start (high half) and how many there are (low half). */
    private long span(int index) {
        int at = starts[index];
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        return (long) at << 32 | length;
    }

    public static byte[] bytes(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    public static int hash(byte[] id) {
        int h = 0x811c9dc5; // FNV-1a, then a finish that spreads it over the low bits a table uses
        for (byte b : id) {
            h = (h ^ b) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Half as large again: doubling arrays of millions leaves too much of the heap in the old and new copies. */
    private static int grown(int length) {
        return (int) Math.min(MAX_BYTES, length + (length >> 1) + 16L);
    }
}
