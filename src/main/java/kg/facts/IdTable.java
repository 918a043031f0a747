package kg.facts;

import java.util.Arrays;

/**
 * Ids to entries of an {@link IdList} (tag, value) plus a 64-bit hash each, by open addressing over an int
 * array: no object per id. Entries are never removed.
 */
final class IdTable {

    private final IdList entries = new IdList();
    private long[] hashes = new long[256];
    /** Entry index + 1 per slot; 0 is free. */
    private int[] slots = new int[512];

    int size() {
        return entries.size();
    }

    /** The entry of this id, or -1. */
    int find(String id) {
        return find(IdList.bytes(id));
    }

    private int find(byte[] id) {
        int mask = slots.length - 1;
        for (int slot = IdList.hash(id) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0 || entries.idIs(entry, id)) {
                return entry;
            }
        }
    }

    /** Adds the id unless it is there; returns the entry already there, or -1 when it was added. */
    int putIfAbsent(String id, int tag, long hash, long value) {
        byte[] bytes = IdList.bytes(id);
        int mask = slots.length - 1;
        int slot = IdList.hash(bytes) & mask;
        for (; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                break;
            }
            if (entries.idIs(entry, bytes)) {
                return entry;
            }
        }
        int entry = entries.add(bytes, tag, value);
        if (entry == hashes.length) {
            hashes = Arrays.copyOf(hashes, entry + (entry >> 1) + 16);
        }
        hashes[entry] = hash;
        slots[slot] = entry + 1;
        if (entries.size() * 3L > slots.length * 2L) { // at most two thirds full
            rehash(slots.length * 2);
        }
        return -1;
    }

    int tag(int entry) {
        return entries.tag(entry);
    }

    long value(int entry) {
        return entries.value(entry);
    }

    long hash(int entry) {
        return hashes[entry];
    }

    /** The ids, decoded one at a time as they are iterated. */
    Iterable<String> ids() {
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
        int[] grown = new int[capacity];
        int mask = capacity - 1;
        for (int entry = 0; entry < entries.size(); entry++) {
            int slot = entries.hash(entry) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = entry + 1;
        }
        slots = grown;
    }
}
