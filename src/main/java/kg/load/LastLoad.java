package kg.load;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
    private static final int FACTS_MAGIC = 0x6b676632; // "kgf2": with the ids themselves

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
        store.noteBytes(FACTS_NOTE, null);
    }

    /** Called once the load has committed. */
    static void record(GraphStore store, LoadReport loaded, FileManifest manifest, List<FileFacts> fileFacts) {
        String token = UUID.randomUUID().toString();
        store.noteBytes(FACTS_NOTE, encode(token, fileFacts));
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
        return store.noteBytes(FACTS_NOTE).flatMap(bytes -> decode(token, bytes));
    }

    /** Facts of one kind the files hold (each counted once however often it is declared). */
    private static long seen(LoadReport.Counts c) {
        return c.created() + c.updated() + c.unchanged();
    }

    private static byte[] encode(String token, List<FileFacts> files) {
        List<byte[]> texts = new ArrayList<>();
        byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        long size = 4L + 4 + tokenBytes.length + 4;
        for (FileFacts f : files) {
            byte[] path = f.file().getBytes(StandardCharsets.UTF_8);
            texts.add(path);
            size += 4 + path.length + 4 + 8L * f.declared().length + 4 + 8L * f.referenced().length + 4 + f.ids().length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            return new byte[0]; // beyond what one note holds: the next load reads every file
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(FACTS_MAGIC).putInt(tokenBytes.length).put(tokenBytes).putInt(files.size());
        for (int i = 0; i < files.size(); i++) {
            FileFacts f = files.get(i);
            out.putInt(texts.get(i).length).put(texts.get(i));
            out.putInt(f.declared().length);
            out.asLongBuffer().put(f.declared());
            out.position(out.position() + 8 * f.declared().length);
            out.putInt(f.referenced().length);
            out.asLongBuffer().put(f.referenced());
            out.position(out.position() + 8 * f.referenced().length);
            out.putInt(f.ids().length).put(f.ids());
        }
        return out.array();
    }

    private static Optional<Map<String, FileFacts>> decode(String token, byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getInt() != FACTS_MAGIC || !token.equals(text(in))) {
                return Optional.empty();
            }
            int n = in.getInt();
            Map<String, FileFacts> files = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String path = text(in);
                long[] declared = longs(in);
                long[] referenced = longs(in);
                byte[] ids = new byte[length(in, 1)];
                in.get(ids);
                files.put(path, new FileFacts(path, declared, referenced, ids));
            }
            return Optional.of(files);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(ByteBuffer in) {
        byte[] b = new byte[length(in, 1)];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A length read from the note, checked against what is left of it (a damaged note must not allocate gigabytes). */
    private static int length(ByteBuffer in, int unit) {
        int n = in.getInt();
        if (n < 0 || (long) n * unit > in.remaining()) {
            throw new IllegalArgumentException("damaged note");
        }
        return n;
    }

    private static long[] longs(ByteBuffer in) {
        long[] values = new long[length(in, 8)];
        in.asLongBuffer().get(values);
        in.position(in.position() + 8 * values.length);
        return values;
    }
}
