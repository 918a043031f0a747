package kg.ids;

import java.util.Arrays;

/**
 * Ids to entries of an {@link IdList} (tag, value) plus a 64-bit hash each, by open addressing over a long
 * array: no object per id. Entries are numbered 0, 1, 2, ... in the order their ids were added; they are never
 * removed, but what they hold may be replaced.
 */
public final class IdTable {

    private final IdList entries = new IdList();
    private long[] hashes = new long[256];
    /**
     * Per slot, the id's 32-bit hash (high half) and its entry index + 1 (low half); 0 is free. With the hash in
     * the slot, a probe past another id costs no look at that id's bytes: most probes then touch one cache line.
     */
    private long[] slots = new long[512];

    public int size() {
        return entries.size();
    }

    /** The entry of this id, or -1. */
    public int find(String id) {
        byte[] bytes = IdList.bytes(id);
        int hash = IdList.hash(bytes);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == 0) {
                return -1;
            }
            int entry = (int) s - 1;
            if ((int) (s >>> 32) == hash && entries.idIs(entry, bytes)) {
                return entry;
            }
        }
    }

    /** Adds the id unless it is there; returns the entry already there, or -1 when it was added. */
    public int putIfAbsent(String id, int tag, long hash, long value) {
        byte[] bytes = IdList.bytes(id);
        int idHash = IdList.hash(bytes);
        int mask = slots.length - 1;
        int slot = idHash & mask;
        for (; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == 0) {
                break;
            }
            int entry = (int) s - 1;
            if ((int) (s >>> 32) == idHash && entries.idIs(entry, bytes)) {
                return entry;
            }
        }
        int entry = entries.add(bytes, tag, value);
        if (entry == hashes.length) {
            hashes = Arrays.copyOf(hashes, entry + (entry >> 1) + 16);
        }
        hashes[entry] = hash;
        slots[slot] = (long) idHash << 32 | (entry + 1);
        if (entries.size() * 3L > slots.length * 2L) { // at most two thirds full
            rehash(slots.length * 2);
        }
        return -1;
    }

    public int tag(int entry) {
        return entries.tag(entry);
    }

    /** The entry's id. */
    public String id(int entry) {
        return entries.id(entry);
    }

    /** Replaces an entry's tag, hash and value (its id stays). */
    public void set(int entry, int tag, long hash, long value) {
        entries.set(entry, tag, value);
        hashes[entry] = hash;
    }

    public long value(int entry) {
        return entries.value(entry);
    }

    public long hash(int entry) {
        return hashes[entry];
    }

    /** The ids, decoded one at a time as they are iterated. */
    public Iterable<String> ids() {
        return () -> new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < entries.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return entries.id(next++);
            }
        };
    }

    private void rehash(int capacity) {
        if (capacity <= 0) {
            throw new IllegalStateException("id table full");
        }
        long[] grown = new long[capacity];
        int mask = capacity - 1;
        for (long s : slots) {
            if (s != 0) {
                int slot = (int) (s >>> 32) & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = s;
            }
        }
        slots = grown;
    }
}
