package kg.ids;

/**
 * A fixed set of 64-bit fingerprints, each numbered by the order it was added, by open addressing over a long
 * array: no boxed key per probe, for scans that test millions of fingerprints against a few hundred thousand.
 * A fingerprint added twice keeps its first number. Reads may run on many threads once adding is done.
 */
public final class FingerprintTable {

    private final long[] keys;
    private final int[] numbers;
    private final boolean[] used;
    private int size;

    /** A table for at most {@code capacity} fingerprints. */
    public FingerprintTable(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // at most half full
        keys = new long[slots];
        numbers = new int[slots];
        used = new boolean[slots];
    }

    /** Adds a fingerprint, numbered {@link #size()} unless it is already here; returns its number. */
    public int add(long fingerprint) {
        int mask = keys.length - 1;
        for (int slot = spread(fingerprint) & mask; ; slot = (slot + 1) & mask) {
            if (!used[slot]) {
                if (size == keys.length / 2) {
                    throw new IllegalStateException("more fingerprints than the capacity given");
                }
                used[slot] = true;
                keys[slot] = fingerprint;
                numbers[slot] = size;
                return size++;
            }
            if (keys[slot] == fingerprint) {
                return numbers[slot];
            }
        }
    }

    /** The number of this fingerprint, or -1 when it was not added. */
    public int find(long fingerprint) {
        int mask = keys.length - 1;
        for (int slot = spread(fingerprint) & mask; used[slot]; slot = (slot + 1) & mask) {
            if (keys[slot] == fingerprint) {
                return numbers[slot];
            }
        }
        return -1;
    }

    public int size() {
        return size;
    }

    /** Fingerprints are well mixed already; their high bits, folded in, guard against runs in the low ones. */
    private static int spread(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }
}
