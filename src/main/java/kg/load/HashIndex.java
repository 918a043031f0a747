package kg.load;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The content hash of every fact of one kind the store holds, read once at the start of a load, so that the
 * loader decides in Java what is new, edited, unchanged or gone and sends only the changes to the store.
 * Facts seen in the files are marked in place (no second set of ids): what is left unmarked at the end is
 * what the files no longer contain. A stored fact may carry one extra string (a relationship: the id of its
 * start node, so that it can be found to be deleted without a statement per type).
 */
final class HashIndex {

    enum Change { NEW, CHANGED, UNCHANGED, REPEATED }

    /** Marks a key seen in this load; compared by identity, so no stored value can be mistaken for it. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String SEEN = new String("seen");
    private static final char EXTRA = '\t';
    /** Starts the value of a fact an unread file claims: kept as stored, and never removed. */
    private static final char CLAIMED = '\u0001';

    private final Map<String, String> stored = new HashMap<>();

    /** Records a fact the store holds; one without a hash (not written by kg) counts as changed. */
    void stored(String key, String hash, String extra) {
        String h = hash == null ? "" : hash;
        stored.put(key, extra == null ? h : h + EXTRA + extra);
    }

    /**
     * Marks a stored fact as declared by a file this load does not read (it stays as it is); false when the
     * store does not hold it.
     */
    boolean claim(String key) {
        String value = stored.get(key);
        if (value == null || value == SEEN) {
            return false;
        }
        if (!value.isEmpty() && value.charAt(0) == CLAIMED) {
            return true;
        }
        stored.put(key, CLAIMED + value);
        return true;
    }

    /** The content hash and extra string of a claimed fact, or null when no unread file claims the key. */
    String[] claimed(String key) {
        String value = stored.get(key);
        if (value == null || value == SEEN || value.isEmpty() || value.charAt(0) != CLAIMED) {
            return null;
        }
        int tab = value.indexOf(EXTRA);
        return tab < 0 ? new String[] {value.substring(1), null}
                : new String[] {value.substring(1, tab), value.substring(tab + 1)};
    }

    /** What a fact from the files is to the store; a fact met again in the same load is {@code REPEATED}. */
    Change see(String key, String hash) {
        String old = stored.put(key, SEEN);
        if (old == SEEN || old != null && !old.isEmpty() && old.charAt(0) == CLAIMED) {
            // A claimed fact stays seen: validation hands over no repeat of an unread file's fact anyway.
            return Change.REPEATED;
        }
        if (old == null) {
            return Change.NEW;
        }
        boolean same = old.startsWith(hash) && (old.length() == hash.length() || old.charAt(hash.length()) == EXTRA);
        return same ? Change.UNCHANGED : Change.CHANGED;
    }

    /** The extra string stored with a key, or null; ask before {@link #see}, which replaces it. */
    String extra(String key) {
        String value = stored.get(key);
        int tab = value == null || value == SEEN || !value.isEmpty() && value.charAt(0) == CLAIMED ? -1 : value.indexOf(EXTRA);
        return tab < 0 ? null : value.substring(tab + 1);
    }

    /** True when the key is in the store or has been seen in this load. */
    boolean known(String key) {
        return stored.containsKey(key);
    }

    /** The stored keys (with their extra string) no fact of this load has claimed: the ones to remove. */
    void forEachUnseen(BiConsumer<String, String> action) {
        stored.forEach((key, value) -> {
            if (value != SEEN && (value.isEmpty() || value.charAt(0) != CLAIMED)) {
                int tab = value.indexOf(EXTRA);
                action.accept(key, tab < 0 ? null : value.substring(tab + 1));
            }
        });
    }
}
