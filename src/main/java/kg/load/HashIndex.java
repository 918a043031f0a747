package kg.load;

import java.util.function.BiConsumer;

import kg.facts.FileFacts;
import kg.ids.IdTable;

/**
 * The content hash of every fact of one kind the store holds, read once at the start of a load, so that the
 * loader decides in Java what is new, edited, unchanged or gone and sends only the changes to the store.
 * Facts seen in the files are marked in place (no second set of ids): what is left unmarked at the end is
 * what the files no longer contain. A stored fact may carry one extra string (a relationship: the id of its
 * start node, so that it can be found to be deleted without a statement per type; an entity: its type). A
 * relationship read from the store also carries a fingerprint of the ids of the nodes it joins there: its
 * content hash covers the ends the file declared, not the ends it has in a store changed outside kg.
 *
 * <p>A graph of a million entities holds three million facts, so what is kept of each is small: 64 bits of the
 * content hash (enough to tell an edit from an unchanged fact, as validation does), not its 64 hex digits, and
 * the key as bytes in a packed table ({@link IdTable}), not as a {@code String}, map node and entry object: about
 * 60 bytes a fact instead of 150, which the 1M incremental load's collections had to copy again and again.
 */
final class HashIndex {

    enum Change { NEW, CHANGED, UNCHANGED, REPEATED }

    /** An entry's tag: its state in the low bits, and whether it has a content hash kg can read. */
    private static final int STORED = 0;
    private static final int SEEN = 1;
    /** Declared by a file this load does not read: kept as stored, and never removed. */
    private static final int CLAIMED = 2;
    private static final int STATE = 3;
    /** Unset for a stored fact without a content hash kg can read (not written by kg): it counts as changed. */
    private static final int HASHED = 4;
    /** Set for a relationship read from the store with its ends: {@link #see} compares them too. */
    private static final int WITH_ENDS = 8;

    /**
     * Key to tag, content hash bits, and value: in its low 32 bits the extra string (its entry in {@link #extras}
     * + 1; 0 for none), in its high 32 bits the fingerprint of a relationship's stored ends.
     */
    private final IdTable facts = new IdTable();
    /** Each extra string once: a handful of entity types, or the start ids of relationships. */
    private final IdTable extras = new IdTable();
    /** The value (its low 32 bits: the extra string's entry + 1, or 0) of the stored fact the last {@link #see} found. */
    private long seenExtra;

    /** Records a fact the store holds; one without a hash (not written by kg) counts as changed. */
    void stored(String key, String hash, String extra) {
        Long bits = bits(hash);
        put(key, bits == null ? 0 : bits, bits != null, extra, 0);
    }

    /**
     * Records a relationship the store holds between the nodes with ids {@code from} and {@code to} (null for a
     * node without one); one without a hash (not written by kg) counts as changed.
     */
    void storedRelationship(String key, String hash, String from, String to) {
        Long bits = bits(hash);
        put(key, bits == null ? 0 : bits, bits != null, from, WITH_ENDS | (long) ends(from, to) << 32);
    }

    /** Records a fact the store holds as the last load's record has it: 64 bits of its content hash. */
    void recorded(String key, long hash, String extra) {
        put(key, hash, true, extra, 0);
    }

    /** {@code ends}: 0, or {@link #WITH_ENDS} with the ends' fingerprint in the high 32 bits. */
    private void put(String key, long hash, boolean hashed, String extra, long ends) {
        if (key == null) {
            return; // a node without an id (not written by kg): no file can declare it, so kg leaves it alone
        }
        int tag = STORED | (hashed ? HASHED : 0) | (int) (ends & WITH_ENDS);
        long value = (extra == null ? 0 : extraEntry(extra) + 1L) | ends & 0xFFFF_FFFF_0000_0000L;
        int entry = facts.putIfAbsent(key, tag, hash, value);
        if (entry >= 0) {
            facts.set(entry, tag, hash, value); // the same key again: the last one stands
        }
    }

    private int extraEntry(String extra) {
        int entry = extras.putIfAbsent(extra, 0, 0, 0);
        return entry >= 0 ? entry : extras.size() - 1; // added: the last entry
    }

    private String extra(int entry) {
        return extraString(facts.value(entry));
    }

    /** The extra string a fact's value names (its entry in {@link #extras} + 1), or null for 0. */
    private String extraString(long value) {
        int entry = (int) value;
        return entry == 0 ? null : extras.id(entry - 1);
    }

    /**
     * 32 bits of the ids of a relationship's two ends (FNV-1a), so that a stored relationship found between
     * other nodes than its file declares is seen as changed; a collision (one in four billion such
     * relationships) would leave it where it is, as before this check.
     */
    static int ends(String from, String to) {
        long h = fnv1a(fnv1a(0xcbf29ce484222325L, from), to);
        return (int) (h ^ h >>> 32);
    }

    /** {@code h} continued over an id, then a mark no char makes (so "ab","c" is not "a","bc"); null has its own. */
    private static long fnv1a(long h, String id) {
        if (id == null) {
            return (h ^ 0xFFFF) * 0x100000001b3L;
        }
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0x1_0000) * 0x100000001b3L;
    }

    private int state(int entry) {
        return facts.tag(entry) & STATE;
    }

    private void setState(int entry, int state) {
        facts.set(entry, facts.tag(entry) & ~STATE | state, facts.hash(entry), facts.value(entry));
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
        int entry = facts.find(key);
        if (entry < 0 || state(entry) == SEEN) {
            return false;
        }
        setState(entry, CLAIMED);
        return true;
    }

    /**
     * The content hash (its first 16 hex digits, or "" when it has none) and extra string of a claimed fact,
     * or null when no unread file claims the key.
     */
    String[] claimed(String key) {
        int entry = facts.find(key);
        if (entry < 0 || state(entry) != CLAIMED) {
            return null;
        }
        boolean hashed = (facts.tag(entry) & HASHED) != 0;
        return new String[] {hashed ? hex(facts.hash(entry)) : "", extra(entry)};
    }

    /** 16 hex digits: asked once per reference into an unread file, so no String.format. */
    private static String hex(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /**
     * What a fact from the files is to the store; a fact met again in the same load is {@code REPEATED}. The
     * extra string the store had for it is then {@link #seenExtra}: one probe of the table for both.
     */
    Change see(String key, String hash) {
        return see(key, hash, null, null);
    }

    /**
     * What a relationship from the files, declared between {@code from} and {@code to}, is to the store: as
     * {@link #see(String, String)}, and changed when the store holds it between other nodes.
     */
    Change see(String key, String hash, String from, String to) {
        seenExtra = 0;
        int entry = facts.putIfAbsent(key, SEEN, 0, 0);
        if (entry < 0) {
            return Change.NEW;
        }
        if (state(entry) != STORED) {
            // A claimed fact stays claimed: validation hands over no repeat of an unread file's fact anyway.
            return Change.REPEATED;
        }
        Long bits = bits(hash);
        int tag = facts.tag(entry);
        long value = facts.value(entry);
        boolean same = (tag & HASHED) != 0 && bits != null && facts.hash(entry) == bits
                && ((tag & WITH_ENDS) == 0 || (int) (value >>> 32) == ends(from, to));
        seenExtra = value;
        facts.set(entry, SEEN, 0, 0); // what was stored is no longer needed
        return same ? Change.UNCHANGED : Change.CHANGED;
    }

    /** The extra string the store had for the fact the last {@link #see} found there (edited or not), or null. */
    String seenExtra() {
        return extraString(seenExtra);
    }

    /** Facts held (stored or seen in this load). */
    int size() {
        return facts.size();
    }

    /** True when the key is in the store or has been seen in this load. */
    boolean known(String key) {
        return facts.find(key) >= 0;
    }

    /** The stored keys (with their extra string) no fact of this load has claimed: the ones to remove. */
    void forEachUnseen(BiConsumer<String, String> action) {
        for (int entry = 0; entry < facts.size(); entry++) {
            if (state(entry) == STORED) {
                action.accept(facts.id(entry), extra(entry));
            }
        }
    }
}
