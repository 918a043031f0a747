package kg.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import kg.schema.Schema;

/**
 * What a load was made from: each fact file's absolute path, size, modification time and SHA-256, and a
 * fingerprint of the schema. Kept beside the graph (a store note), so that reloading the same files can be
 * answered without reading them (as git answers "unchanged" from its index): size and time equal means
 * unchanged; a touched file of the same size is hashed to make sure.
 */
record FileManifest(List<Entry> files, String schema) {

    record Entry(String path, long size, long modified, String sha256) {
    }

    /** The manifest of files as they are now; hashes are computed (the files are about to be read anyway). */
    static FileManifest of(List<Path> files, Schema schema) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            Entry e = stat(file);
            entries.add(new Entry(e.path(), e.size(), e.modified(), sha256(file)));
        }
        return new FileManifest(List.copyOf(entries), fingerprint(schema));
    }

    /** True when the files are, as far as content goes, the ones this manifest was made from. */
    boolean matches(List<Path> current, Schema schema) {
        if (current.size() != files.size() || !fingerprint(schema).equals(this.schema)) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            Entry stored = files.get(i);
            Entry now = stat(current.get(i));
            if (!now.path().equals(stored.path()) || now.size() != stored.size()) {
                return false;
            }
            if (now.modified() != stored.modified() && !sha256(current.get(i)).equals(stored.sha256())) {
                return false;
            }
        }
        return true;
    }

    /** As written beside the graph: the schema fingerprint, then one tab-separated line per file. */
    String text() {
        StringBuilder b = new StringBuilder("schema\t").append(schema).append('\n');
        for (Entry e : files) {
            b.append(e.size()).append('\t').append(e.modified()).append('\t').append(e.sha256()).append('\t')
                    .append(e.path()).append('\n');
        }
        return b.toString();
    }

    /** The manifest in {@link #text()}, or null when the text is not one. */
    static FileManifest parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("schema\t")) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 4);
            if (f.length != 4) {
                return null;
            }
            try {
                entries.add(new Entry(f[3], Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new FileManifest(entries, lines.get(0).substring("schema\t".length()));
    }

    private static Entry stat(Path file) {
        try {
            Path abs = file.toAbsolutePath().normalize();
            return new Entry(abs.toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte read
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes whenever anything that decides how facts are read or stored changes. */
    private static String fingerprint(Schema schema) {
        String text = canonical(schema.nodeTypes()) + "\n" + canonical(schema.relationshipTypes()) + "\n"
                + canonical(schema.statuses()) + "\n" + schema.storeSchemaStatements();
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Text of a value that is the same in every JVM: sets and maps sorted (Set.copyOf's order is not). */
    private static String canonical(Object value) {
        if (value instanceof Record r) {
            StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('(');
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    b.append(c.getName()).append('=').append(canonical(c.getAccessor().invoke(r))).append(',');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return b.append(')').toString();
        }
        if (value instanceof Map<?, ?> m) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof java.util.Set<?> set) {
            return set.stream().map(FileManifest::canonical).sorted().toList().toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FileManifest::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
