package kg.store;

import java.time.Duration;
import java.util.List;

/**
 * The one seam between kg and the graph: everything kg does to the graph is Cypher run through here, with
 * results converted to plain values ({@link GraphNode}, {@link GraphRelationship}, {@link GraphPath}, lists,
 * maps, strings, numbers, booleans, java.time values). The embedded store implements it today; a Bolt
 * driver session against a Neo4j server or cluster can implement it without touching the loader, the
 * queries or the export.
 */
public interface GraphStore extends AutoCloseable {

    /** Work done inside one transaction; results must be consumed before it returns. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx);
    }

    /**
     * Runs work in a read-only transaction: a statement that would write fails with {@link WriteRefused}.
     * With a timeout, work still running after it is stopped with {@link QueryTimedOut}.
     */
    <T> T read(Duration timeout, Work<T> work);

    default <T> T read(Work<T> work) {
        return read(null, work);
    }

    /** Runs work in one write transaction: all of it is committed, or (on any failure or kill) none of it. */
    <T> T write(Work<T> work);

    /** Applies schema statements (constraints, indexes), each idempotent, and waits for indexes to come online. */
    void applySchema(List<String> statements);

    /**
     * A small piece of bookkeeping kept beside the graph, not in it (so that it never shows in queries or
     * exports), such as what the graph was last loaded from, as a stream the caller closes; empty when there is
     * none. A store that keeps no notes has none.
     */
    default java.util.Optional<java.io.InputStream> readNote(String name) {
        return java.util.Optional.empty();
    }

    /** Writes a note's content: streamed, so that a note of many megabytes is never one array. */
    interface NoteContent {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    /** Replaces a note, atomically, with what {@code content} writes; {@code null} removes it. */
    default void writeNote(String name, NoteContent content) {
    }

    /** A note's bytes. */
    default java.util.Optional<byte[]> noteBytes(String name) {
        return readNote(name).flatMap(in -> {
            try (in) {
                return java.util.Optional.of(in.readAllBytes());
            } catch (java.io.IOException e) {
                return java.util.Optional.empty();
            }
        });
    }

    /** Replaces a note with these bytes; {@code null} removes it. */
    default void noteBytes(String name, byte[] content) {
        writeNote(name, content == null ? null : out -> out.write(content));
    }

    /** A note as text (UTF-8). */
    default java.util.Optional<String> note(String name) {
        return noteBytes(name).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    default void note(String name, String text) {
        noteBytes(name, text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The bulk-import fast path for an empty graph, when this store has one (an embedded store does). */
    default java.util.Optional<BulkImport> bulkImport() {
        return java.util.Optional.empty();
    }

    /** Where the graph lives, for messages. */
    String describe();

    @Override
    void close();
}
