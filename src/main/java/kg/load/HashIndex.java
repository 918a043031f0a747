package kg.load;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import kg.facts.FileFacts;

/**
 * The content hash of every fact of one kind the store holds, read once at the start of a load, so that the
 * loader decides in Java what is new, edited, unchanged or gone and sends only the changes to the store.
 * Facts seen in the files are marked in place (no second set of ids): what is left unmarked at the end is
 * what the files no longer contain. A stored fact may carry one extra string (a relationship: the id of its
 * start node, so that it can be found to be deleted without a statement per type; an entity: its type).
 *
 * <p>A graph of a million entities holds three million facts, so what is kept of each is small: 64 bits of the
 * content hash (enough to tell an edit from an unchanged fact, as validation does), not its 64 hex digits.
 */
final class HashIndex {

    enum Change { NEW, CHANGED, UNCHANGED, REPEATED }

    private static final byte STORED = 0;
    private static final byte SEEN = 1;
    /** Declared by a file this load does not read: kept as stored, and never removed. */
    private static final byte CLAIMED = 2;

    /** A stored fact. */
    private static final class Entry {
        final long hash;
        /** False for a fact without a content hash kg can read (not written by kg): it counts as changed. */
        final boolean hashed;
        final String extra;
        byte state;

        Entry(long hash, boolean hashed, String extra, byte state) {
            this.hash = hash;
            this.hashed = hashed;
            this.extra = extra;
            this.state = state;
        }
    }

    /** Every fact seen in this load that the store does not claim shares this one entry (never changed). */
    private static final Entry SEEN_ENTRY = new Entry(0, false, null, SEEN);

    private final Map<String, Entry> stored = new HashMap<>();

    /** Records a fact the store holds; one without a hash (not written by kg) counts as changed. */
    void stored(String key, String hash, String extra) {
        Long bits = bits(hash);
        stored.put(key, new Entry(bits == null ? 0 : bits, bits != null, extra, STORED));
    }

    /** Records a fact the store holds as the last load's record has it: 64 bits of its content hash. */
    void recorded(String key, long hash, String extra) {
        stored.put(key, new Entry(hash, true, extra, STORED));
    }

    /** The first 64 bits of a content hash (hex), or null when it is not one. */
    private static Long bits(String hash) {
        if (hash == null || hash.length() < 16) {
            return null;
        }
        try {
            return FileFacts.hashBits(hash);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Marks a stored fact as declared by a file this load does not read (it stays as it is); false when the
     * store does not hold it.
     */
    boolean claim(String key) {
        Entry e = stored.get(key);
        if (e == null || e.state == SEEN) {
            return false;
        }
        e.state = CLAIMED;
        return true;
    }

    /**
     * The content hash (its first 16 hex digits, or "" when it has none) and extra string of a claimed fact,
     * or null when no unread file claims the key.
     */
    String[] claimed(String key) {
        Entry e = stored.get(key);
        if (e == null || e.state != CLAIMED) {
            return null;
        }
        return new String[] {e.hashed ? hex(e.hash) : "", e.extra};
    }

    /** 16 hex digits: asked once per reference into an unread file, so no String.format. */
    private static String hex(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** What a fact from the files is to the store; a fact met again in the same load is {@code REPEATED}. */
    Change see(String key, String hash) {
        Entry e = stored.get(key);
        if (e == null) {
            stored.put(key, SEEN_ENTRY);
            return Change.NEW;
        }
        if (e.state != STORED) {
            // A claimed fact stays claimed: validation hands over no repeat of an unread file's fact anyway.
            return Change.REPEATED;
        }
        Long bits = bits(hash);
        boolean same = e.hashed && bits != null && e.hash == bits;
        stored.put(key, SEEN_ENTRY); // what was stored is no longer needed
        return same ? Change.UNCHANGED : Change.CHANGED;
    }

    /** The extra string stored with a key, or null; ask before {@link #see}, which forgets it. */
    String extra(String key) {
        Entry e = stored.get(key);
        return e == null || e.state != STORED ? null : e.extra;
    }

    /** Facts held (stored or seen in this load). */
    int size() {
        return stored.size();
    }

    /** True when the key is in the store or has been seen in this load. */
    boolean known(String key) {
        return stored.containsKey(key);
    }

    /** The stored keys (with their extra string) no fact of this load has claimed: the ones to remove. */
    void forEachUnseen(BiConsumer<String, String> action) {
        stored.forEach((key, e) -> {
            if (e.state == STORED) {
                action.accept(key, e.extra);
            }
        });
    }
}
