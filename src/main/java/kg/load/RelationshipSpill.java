package kg.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import kg.store.BulkImport;

/**
 * Relationships met while the bulk importer is taking nodes, written to a temporary file and read back when
 * it asks for relationships: one pass over the fact files instead of two (parsing them is the slow part),
 * without holding the relationships in memory. Values are the property types facts have: strings, longs,
 * doubles, booleans and lists of strings; a list comes back as a {@code String[]}, as the importer takes it,
 * and null values are left out.
 *
 * <p>Names (spaces, types, property keys: a few dozen, met millions of times) are written once and then as a
 * number, and the file is read and written through a plain byte buffer: the replay is a stage of its own in
 * the import, on one thread, and decoding every name again and {@code DataInputStream}'s byte-at-a-time
 * reads were most of its time.
 */
final class RelationshipSpill implements AutoCloseable {

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte LIST = 4;
    private static final int NEW_NAME = -1;

    private final Path file;
    private final Output out;
    private final Map<String, Integer> nameCodes = new HashMap<>();
    private long count;

    RelationshipSpill() {
        try {
            file = Files.createTempFile("kg-relationships-", ".bin");
            out = new Output(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(BulkImport.Relationship r) {
        try {
            name(r.space());
            name(r.type());
            text(r.from());
            text(r.to());
            int present = 0;
            for (Object v : r.properties().values()) {
                if (v != null) {
                    present++;
                }
            }
            out.writeInt(present);
            for (Map.Entry<String, Object> e : r.properties().entrySet()) {
                if (e.getValue() != null) {
                    name(e.getKey());
                    value(e.getValue());
                }
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    /** Reads back, in order, every relationship added. */
    void replay(Consumer<BulkImport.Relationship> sink) {
        try {
            out.flush();
            List<String> names = new ArrayList<>();
            try (Input in = new Input(Files.newInputStream(file))) {
                for (long i = 0; i < count; i++) {
                    String space = name(in, names);
                    String type = name(in, names);
                    String from = in.readText();
                    String to = in.readText();
                    int n = in.readInt();
                    Map<String, Object> props = new LinkedHashMap<>(n * 4 / 3 + 1);
                    for (int p = 0; p < n; p++) {
                        String key = name(in, names);
                        props.put(key, value(in));
                    }
                    sink.accept(new BulkImport.Relationship(space, from, to, type, props));
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("relationship spill file truncated: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name's number; the first time, {@link #NEW_NAME} and its text (numbered in order of first use). */
    private void name(String name) throws IOException {
        Integer code = nameCodes.get(name);
        if (code != null) {
            out.writeInt(code);
            return;
        }
        nameCodes.put(name, nameCodes.size());
        out.writeInt(NEW_NAME);
        text(name);
    }

    private static String name(Input in, List<String> names) throws IOException {
        int code = in.readInt();
        if (code == NEW_NAME) {
            String name = in.readText();
            names.add(name);
            return name;
        }
        if (code < 0 || code >= names.size()) {
            throw new IOException("relationship spill file damaged: name " + code + " of " + names.size());
        }
        return names.get(code);
    }

    private void value(Object v) throws IOException {
        if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeByte(b ? 1 : 0);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object item : list) {
                text(String.valueOf(item));
            }
        } else {
            out.writeByte(STRING);
            text(v.toString());
        }
    }

    private static Object value(Input in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case LONG -> in.readLong();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case BOOLEAN -> in.readByte() != 0;
            case LIST -> {
                int n = in.readInt();
                String[] list = new String[n];
                for (int i = 0; i < n; i++) {
                    list[i] = in.readText();
                }
                yield list;
            }
            case STRING -> in.readText();
            default -> throw new IOException("relationship spill file damaged: value tag " + tag);
        };
    }

    /** Length-prefixed UTF-8 ({@code writeUTF} stops at 64 KiB). */
    private void text(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static final int BUFFER = 1 << 16;

    /** Big-endian primitives into a byte buffer, flushed to the stream when full; not synchronized. */
    private static final class Output implements AutoCloseable {
        private final OutputStream stream;
        private final byte[] buffer = new byte[BUFFER];
        private int used;

        Output(OutputStream stream) {
            this.stream = stream;
        }

        void writeByte(int b) throws IOException {
            room(1);
            buffer[used++] = (byte) b;
        }

        void writeInt(int v) throws IOException {
            room(4);
            buffer[used] = (byte) (v >>> 24);
            buffer[used + 1] = (byte) (v >>> 16);
            buffer[used + 2] = (byte) (v >>> 8);
            buffer[used + 3] = (byte) v;
            used += 4;
        }

        void writeLong(long v) throws IOException {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] bytes) throws IOException {
            if (bytes.length > BUFFER - used) {
                flushBuffer();
                if (bytes.length > BUFFER) {
                    stream.write(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }

        private void room(int n) throws IOException {
            if (BUFFER - used < n) {
                flushBuffer();
            }
        }

        private void flushBuffer() throws IOException {
            stream.write(buffer, 0, used);
            used = 0;
        }

        void flush() throws IOException {
            flushBuffer();
            stream.flush();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** Reads what {@link Output} wrote. */
    private static final class Input implements AutoCloseable {
        private final InputStream stream;
        private final byte[] buffer = new byte[BUFFER];
        private int at;
        private int end;

        Input(InputStream stream) {
            this.stream = stream;
        }

        byte readByte() throws IOException {
            need(1);
            return buffer[at++];
        }

        int readInt() throws IOException {
            need(4);
            int v = (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16 | (buffer[at + 2] & 0xff) << 8
                    | buffer[at + 3] & 0xff;
            at += 4;
            return v;
        }

        long readLong() throws IOException {
            return (long) readInt() << 32 | readInt() & 0xffffffffL;
        }

        String readText() throws IOException {
            int n = readInt();
            if (n < 0) {
                throw new IOException("relationship spill file damaged: text of length " + n);
            }
            if (n <= BUFFER) {
                need(n);
                String s = new String(buffer, at, n, StandardCharsets.UTF_8);
                at += n;
                return s;
            }
            byte[] bytes = new byte[n];
            int got = end - at;
            System.arraycopy(buffer, at, bytes, 0, got);
            at = end;
            while (got < n) {
                int r = stream.read(bytes, got, n - got);
                if (r < 0) {
                    throw new EOFException();
                }
                got += r;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** At least n bytes (n ≤ the buffer) ready at {@code at}. */
        private void need(int n) throws IOException {
            if (end - at >= n) {
                return;
            }
            System.arraycopy(buffer, at, buffer, 0, end - at);
            end -= at;
            at = 0;
            while (end < n) {
                int r = stream.read(buffer, end, BUFFER - end);
                if (r < 0) {
                    throw new EOFException();
                }
                end += r;
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
