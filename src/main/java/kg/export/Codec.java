package kg.export;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How spooled elements are written to and read from temporary run files: lossless for every plain value the
 * export writes (strings keep unpaired surrogates; numbers keep int/long/double). Values of other types
 * (dates, points) are exported as their text, so they are spooled as text.
 */
interface Codec<T> {

    void write(T value, DataOutput out) throws IOException;

    T read(DataInput in) throws IOException;

    /** Rough heap size of a value, to bound what a spool holds in memory. */
    long size(T value);

    Codec<ExportNode> NODE = new Codec<>() {
        @Override
        public void write(ExportNode n, DataOutput out) throws IOException {
            string(n.id(), out);
            string(n.elementId(), out);
            value(n.data(), out);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ExportNode read(DataInput in) throws IOException {
            return new ExportNode(string(in), string(in), new TreeMap<>((Map<String, Object>) value(in)));
        }

        @Override
        public long size(ExportNode n) {
            return 64 + 2L * (n.id().length() + n.elementId().length()) + sizeOf(n.data());
        }
    };

    Codec<ExportEdge> EDGE = new Codec<>() {
        @Override
        public void write(ExportEdge e, DataOutput out) throws IOException {
            string(e.id(), out);
            string(e.source(), out);
            string(e.target(), out);
            string(e.type(), out);
            string(e.key(), out);
            string(e.elementId(), out);
            value(e.data(), out);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ExportEdge read(DataInput in) throws IOException {
            return new ExportEdge(string(in), string(in), string(in), string(in), string(in), string(in),
                    new TreeMap<>((Map<String, Object>) value(in)));
        }

        @Override
        public long size(ExportEdge e) {
            return 96 + 2L * (e.id().length() + e.source().length() + e.target().length() + e.type().length()
                    + e.key().length() + e.elementId().length()) + sizeOf(e.data());
        }
    };

    /**
     * A string: its length, negative for text of Latin-1 characters only (one byte each, the common case), then
     * the characters, as one block; other text as UTF-16 code units big-endian, so unpaired surrogates survive.
     */
    private static void string(String s, DataOutput out) throws IOException {
        int length = s.length();
        boolean latin1 = true;
        for (int i = 0; i < length && latin1; i++) {
            latin1 = s.charAt(i) <= 0xFF;
        }
        if (latin1) {
            out.writeInt(-length - 1);
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        out.writeInt(length);
        byte[] bytes = new byte[2 * length];
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            bytes[2 * i] = (byte) (c >>> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        out.write(bytes);
    }

    private static String string(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            byte[] bytes = new byte[-length - 1];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = new byte[2 * length];
        in.readFully(bytes);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ((bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF));
        }
        return new String(chars);
    }

    private static void value(Object v, DataOutput out) throws IOException {
        if (v == null) {
            out.writeByte('n');
        } else if (v instanceof String s) {
            out.writeByte('s');
            string(s, out);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? 't' : 'f');
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeByte('i');
            out.writeInt(((Number) v).intValue());
        } else if (v instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (v instanceof Double || v instanceof Float) {
            out.writeByte('d');
            out.writeDouble(((Number) v).doubleValue());
        } else if (v instanceof List<?> list) {
            out.writeByte('L');
            out.writeInt(list.size());
            for (Object o : list) {
                value(o, out);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte('M');
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                string(String.valueOf(e.getKey()), out);
                value(e.getValue(), out);
            }
        } else {
            out.writeByte('s');
            string(String.valueOf(v), out);
        }
    }

    private static Object value(DataInput in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 'n':
                return null;
            case 's':
                return string(in);
            case 't':
                return Boolean.TRUE;
            case 'f':
                return Boolean.FALSE;
            case 'i':
                return in.readInt();
            case 'l':
                return in.readLong();
            case 'd':
                return in.readDouble();
            case 'L': {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(in));
                }
                return list;
            }
            case 'M': {
                int n = in.readInt();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String k = string(in);
                    map.put(k, value(in));
                }
                return map;
            }
            default:
                throw new IOException("corrupt export spool: tag " + tag);
        }
    }

    private static long sizeOf(Object v) {
        if (v instanceof String s) {
            return 48 + 2L * s.length();
        }
        if (v instanceof List<?> list) {
            long size = 32;
            for (Object o : list) {
                size += 8 + sizeOf(o);
            }
            return size;
        }
        if (v instanceof Map<?, ?> map) {
            long size = 48;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += 40 + sizeOf(e.getKey()) + sizeOf(e.getValue());
            }
            return size;
        }
        return 24;
    }
}
