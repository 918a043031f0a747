package kg.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import kg.store.BulkImport;

/**
 * Relationships met while the bulk importer is taking nodes, written to a temporary file and read back when
 * it asks for relationships: one pass over the fact files instead of two (parsing them is the slow part),
 * without holding the relationships in memory. Values are the property types facts have: strings, longs,
 * doubles, booleans and lists of strings.
 */
final class RelationshipSpill implements AutoCloseable {

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte LIST = 4;

    private final Path file;
    private final DataOutputStream out;
    private long count;

    RelationshipSpill() {
        try {
            file = Files.createTempFile("kg-relationships-", ".bin");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(BulkImport.Relationship r) {
        try {
            text(r.space());
            text(r.from());
            text(r.to());
            text(r.type());
            out.writeInt(r.properties().size());
            for (Map.Entry<String, Object> e : r.properties().entrySet()) {
                text(e.getKey());
                value(e.getValue());
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
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (long i = 0; i < count; i++) {
                    String space = text(in);
                    String from = text(in);
                    String to = text(in);
                    String type = text(in);
                    int n = in.readInt();
                    Map<String, Object> props = new LinkedHashMap<>();
                    for (int p = 0; p < n; p++) {
                        props.put(text(in), value(in));
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

    private void value(Object v) throws IOException {
        if (v == null) {
            out.writeByte(STRING);
            out.writeInt(-1);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
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

    private static Object value(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case LIST -> {
                int n = in.readInt();
                List<String> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(text(in));
                }
                yield list;
            }
            default -> text(in);
        };
    }

    /** Length-prefixed UTF-8 (writeUTF stops at 64 KiB); -1 for null. */
    private void text(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
