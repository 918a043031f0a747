package kg.load;

import java.util.List;

import kg.facts.FileFacts;

/**
 * Fact files a load leaves unread because they are byte for byte what the last load read: the stored facts
 * they declare stay as they are, and the ids they refer to must stay declared. Known from the last load's
 * {@link FileFacts}, not from the files.
 */
final class UnreadFiles {

    static final UnreadFiles NONE = new UnreadFiles(List.of(), List.of(), new long[3], false);

    private final List<FileFacts> files;
    private final List<FileFacts> replaced;
    private final long[] lastCounts;
    private final boolean fromRecord;
    private final long[] declared;
    private final long[] referenced;

    /**
     * @param files the files left unread
     * @param replaced what the last load recorded of the other files it read (changed since, or no longer in the set)
     * @param lastCounts the sources, entities and relationships the last load left in the store
     * @param fromRecord whether the stored facts the files read and dropped declared are taken from {@code replaced}
     *                   (else every stored fact is read)
     */
    UnreadFiles(List<FileFacts> files, List<FileFacts> replaced, long[] lastCounts, boolean fromRecord) {
        this.files = List.copyOf(files);
        this.replaced = List.copyOf(replaced);
        this.lastCounts = lastCounts.clone();
        this.fromRecord = fromRecord;
        this.declared = FileFacts.union(files.stream().map(FileFacts::declared).toList());
        this.referenced = FileFacts.union(files.stream().map(FileFacts::referenced).toList());
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    List<FileFacts> files() {
        return files;
    }

    /** What the last load recorded of the files this one reads or drops: the stored facts this load may change. */
    List<FileFacts> replaced() {
        return replaced;
    }

    boolean fromRecord() {
        return fromRecord;
    }

    long[] lastCounts() {
        return lastCounts.clone();
    }

    /** How many distinct facts these files declare: the stored facts they must claim, no more, no fewer. */
    int declaredCount() {
        return declared.length;
    }

    boolean declares(char kind, String id) {
        return declared.length > 0 && FileFacts.contains(declared, FileFacts.fingerprint(kind, id));
    }

    boolean references(char kind, String id) {
        return referenced.length > 0 && FileFacts.contains(referenced, FileFacts.fingerprint(kind, id));
    }

    /**
     * A load that leaves files unread found it cannot go on without them: the store does not hold what they
     * declared (changed outside kg, or two ids share a fingerprint), or the files read remove or retype an id
     * the unread ones refer to, or have problems (whose full report may need the unread files). The caller
     * rolls back and loads again, reading every file.
     */
    static final class NeedsEveryFile extends RuntimeException {
        NeedsEveryFile(String why) {
            super(why, null, false, false);
        }
    }
}
