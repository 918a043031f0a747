package kg.load;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The content hash of every fact of one kind the store holds, read once at the start of a load, so that the
 * loader decides in Java what is new, edited, unchanged or gone and sends only the changes to the store.
 * Facts seen in the files are marked in place (no second set of ids): what is left unmarked at the end is
 * what the files no longer contain.
 */
final class HashIndex {

    enum Change { NEW, CHANGED, UNCHANGED, REPEATED }

    /** Marks a key seen in this load; compared by identity, so no stored hash can be mistaken for it. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String SEEN = new String("seen");

    private final Map<String, String> hashes = new HashMap<>();

    /** Records a fact the store holds; one without a hash (not written by kg) counts as changed. */
    void stored(String key, String hash) {
        hashes.put(key, hash == null ? "" : hash);
    }

    /** What a fact from the files is to the store; a fact met again in the same load is {@code REPEATED}. */
    Change see(String key, String hash) {
        String old = hashes.put(key, SEEN);
        if (old == SEEN) {
            return Change.REPEATED;
        }
        if (old == null) {
            return Change.NEW;
        }
        return old.equals(hash) ? Change.UNCHANGED : Change.CHANGED;
    }

    /** True when the key is in the store or has been seen in this load. */
    boolean known(String key) {
        return hashes.containsKey(key);
    }

    /** The stored keys no fact of this load has claimed: the ones to remove. */
    void forEachUnseen(Consumer<String> action) {
        hashes.forEach((key, hash) -> {
            if (hash != SEEN) {
                action.accept(key);
            }
        });
    }
}
