package kg.load;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import kg.facts.FileFacts;
import kg.store.GraphStore;

/**
 * What the graph was last loaded from, kept beside it (store notes, never nodes): the fact counts and the
 * file manifest in one note, what each file declared and referred to ({@link FileFacts}) in a second. Both
 * go before the graph changes and come back after the commit, the manifest last and naming the facts note
 * it belongs with, so that whatever happens in between, a note that exists describes the committed graph.
 */
final class LastLoad {

    static final String NOTE = "last-load";
    static final String FACTS_NOTE = "last-load-facts";
    private static final int FACTS_MAGIC = 0x6b676635; // "kgf5": ids with their hashes (deflated), and the total size

    private final long[] counts;
    private final FileManifest manifest;
    private final String token;

    private LastLoad(long[] counts, FileManifest manifest, String token) {
        this.counts = counts;
        this.manifest = manifest;
        this.token = token;
    }

    /** The last load's record, when there is one this version of kg can read. */
    static Optional<LastLoad> read(GraphStore store) {
        List<String> lines = store.note(NOTE).map(t -> List.of(t.split("\n"))).orElse(List.of());
        // First line: the fact counts of that load and the facts note's token; then the manifest.
        if (lines.size() < 2 || !lines.get(0).startsWith("counts\t")) {
            return Optional.empty();
        }
        FileManifest manifest = FileManifest.parse(lines.subList(1, lines.size()));
        String[] fields = lines.get(0).split("\t");
        if (manifest == null || fields.length < 4) {
            return Optional.empty();
        }
        try {
            long[] counts = {Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])};
            return Optional.of(new LastLoad(counts, manifest, fields.length > 4 ? fields[4] : null));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Called before the graph changes. */
    static void forget(GraphStore store) {
        store.note(NOTE, null);
        store.writeNote(FACTS_NOTE, null);
    }

    /** Called once the load has committed. */
    static void record(GraphStore store, LoadReport loaded, FileManifest manifest, List<FileFacts> fileFacts) {
        String token = UUID.randomUUID().toString();
        store.writeNote(FACTS_NOTE, encode(token, fileFacts));
        store.note(NOTE, "counts\t" + seen(loaded.sources()) + "\t" + seen(loaded.entities()) + "\t"
                + seen(loaded.relationships()) + "\t" + token + "\n" + manifest.text());
    }

    FileManifest manifest() {
        return manifest;
    }

    /** Sources, entities and relationships that load left in the store (each counted once). */
    long[] counts() {
        return counts.clone();
    }

    /** The report of a load that finds every fact unchanged. */
    LoadReport unchanged() {
        return new LoadReport(unchanged(counts[0]), unchanged(counts[1]), unchanged(counts[2]), 0);
    }

    private static LoadReport.Counts unchanged(long count) {
        return LoadReport.Counts.NONE.plus(0, 0, 0, count);
    }

    /** What each file of the last load declared, by absolute path; empty when that note is missing or not this one's. */
    Optional<Map<String, FileFacts>> fileFacts(GraphStore store) {
        if (token == null) {
            return Optional.empty();
        }
        return store.readNote(FACTS_NOTE).flatMap(in -> decode(token, in));
    }

    /** Facts of one kind the files hold (each counted once however often it is declared). */
    private static long seen(LoadReport.Counts c) {
        return c.created() + c.updated() + c.unchanged();
    }

    /** The facts note: magic, its total size, the token, then per file its path, fingerprints and ids. */
    private static GraphStore.NoteContent encode(String token, List<FileFacts> files) {
        byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        List<byte[]> paths = new ArrayList<>();
        long size = 4L + 8 + 4 + tokenBytes.length + 4;
        for (FileFacts f : files) {
            byte[] path = f.file().getBytes(StandardCharsets.UTF_8);
            paths.add(path);
            size += 4 + path.length + 4 + 8L * f.declared().length + 4 + 8L * f.referenced().length + 4 + f.ids().length;
        }
        long total = size;
        return stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(FACTS_MAGIC);
            out.writeLong(total);
            out.writeInt(tokenBytes.length);
            out.write(tokenBytes);
            out.writeInt(files.size());
            for (int i = 0; i < files.size(); i++) {
                FileFacts f = files.get(i);
                out.writeInt(paths.get(i).length);
                out.write(paths.get(i));
                longs(out, f.declared());
                longs(out, f.referenced());
                out.writeInt(f.ids().length);
                out.write(f.ids());
            }
            out.flush();
        };
    }

    private static void longs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * values.length);
        bytes.asLongBuffer().put(values);
        out.write(bytes.array());
    }

    private static Optional<Map<String, FileFacts>> decode(String token, InputStream stream) {
        try (Counted in = new Counted(stream)) {
            if (in.data.readInt() != FACTS_MAGIC) {
                return Optional.empty();
            }
            in.total = in.data.readLong();
            if (!token.equals(new String(bytes(in, 1), StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            int n = in.data.readInt();
            Map<String, FileFacts> files = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String path = new String(bytes(in, 1), StandardCharsets.UTF_8);
                long[] declared = longs(in);
                long[] referenced = longs(in);
                files.put(path, new FileFacts(path, declared, referenced, bytes(in, 1)));
            }
            return Optional.of(files);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A note being read, with how much of it is left, so that a damaged length never allocates gigabytes. */
    private static final class Counted extends java.io.FilterInputStream {
        final DataInputStream data = new DataInputStream(this);
        long read;
        long total = Long.MAX_VALUE;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        /** A length read from the note, checked against what is left of it. */
        int length(int unit) throws IOException {
            int n = data.readInt();
            if (n < 0 || (long) n * unit > total - read) {
                throw new IllegalArgumentException("damaged note");
            }
            return n;
        }
    }

    private static byte[] bytes(Counted in, int unit) throws IOException {
        byte[] b = new byte[in.length(unit)];
        in.data.readFully(b);
        return b;
    }

    private static long[] longs(Counted in) throws IOException {
        long[] values = new long[in.length(8)];
        byte[] bytes = new byte[8 * values.length];
        in.data.readFully(bytes);
        java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(values);
        return values;
    }
}
