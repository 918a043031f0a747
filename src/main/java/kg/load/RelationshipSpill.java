package kg.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import kg.io.UnsyncedInput;
import kg.io.UnsyncedOutput;
import kg.store.BulkImport;

/**
 * Relationships met while the bulk importer is taking nodes, written to a temporary file and read back when
 * it asks for relationships: one pass over the fact files instead of two (parsing them is the slow part),
 * without holding the relationships in memory. Values are the property types facts have: strings, longs,
 * doubles, booleans and lists of strings; a list comes back as a {@code String[]}, as the importer takes it,
 * and null values are left out.
 *
 * <p>Names (spaces, types, property keys: a few dozen, met millions of times) are written once and then as a
 * number, through buffers that decode numbers and texts in place: the replay is a stage of its own in the
 * import, on one thread, and decoding every name again and byte-at-a-time reads were most of its time.
 */
final class RelationshipSpill implements AutoCloseable {

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte LIST = 4;
    private static final int NEW_NAME = -1;

    private final Path file;
    private final UnsyncedOutput out;
    private final Map<String, Integer> nameCodes = new HashMap<>();
    private long count;

    RelationshipSpill() {
        try {
            file = Files.createTempFile("kg-relationships-", ".bin");
            out = new UnsyncedOutput(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(BulkImport.Relationship r) {
        try {
            name(r.space());
            name(r.type());
            out.writeText(r.from());
            out.writeText(r.to());
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
            try (UnsyncedInput in = new UnsyncedInput(Files.newInputStream(file))) {
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
        out.writeText(name);
    }

    private static String name(UnsyncedInput in, List<String> names) throws IOException {
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
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object item : list) {
                out.writeText(String.valueOf(item));
            }
        } else {
            out.writeByte(STRING);
            out.writeText(v.toString());
        }
    }

    private static Object value(UnsyncedInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
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
}
