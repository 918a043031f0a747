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

    private final Map<String, String> stored = new HashMap<>();

    /** Records a fact the store holds; one without a hash (not written by kg) counts as changed. */
    void stored(String key, String hash, String extra) {
        String h = hash == null ? "" : hash;
        stored.put(key, extra == null ? h : h + EXTRA + extra);
    }

    /** What a fact from the files is to the store; a fact met again in the same load is {@code REPEATED}. */
    Change see(String key, String hash) {
        String old = stored.put(key, SEEN);
        if (old == SEEN) {
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
        int tab = value == null || value == SEEN ? -1 : value.indexOf(EXTRA);
        return tab < 0 ? null : value.substring(tab + 1);
    }

    /** True when the key is in the store or has been seen in this load. */
    boolean known(String key) {
        return stored.containsKey(key);
    }

    /** The stored keys (with their extra string) no fact of this load has claimed: the ones to remove. */
    void forEachUnseen(BiConsumer<String, String> action) {
        stored.forEach((key, value) -> {
            if (value != SEEN) {
                int tab = value.indexOf(EXTRA);
                action.accept(key, tab < 0 ? null : value.substring(tab + 1));
            }
        });
    }
}
