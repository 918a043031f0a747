package kg.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The packed index of stored facts against a plain map that follows the rules its documentation states. */
class HashIndexTests {

    /** What the index should know of a key: its state, hash and extra string. */
    private static final class Model {
        String state; // stored, seen, claimed
        boolean hashed;
        long hash;
        String extra;
    }

    private static String hex(long bits) {
        return String.format("%016x", bits) + "00ff00ff"; // longer than 16 digits, as kg's hashes are
    }

    @Test
    void decidesWhatIsNewEditedUnchangedRepeatedAndGoneAsAMapWould() {
        SplittableRandom random = new SplittableRandom(5);
        HashIndex index = new HashIndex();
        Map<String, Model> model = new HashMap<>();
        String[] types = {"Company", "Person", "Agency", null};
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            keys.add(i % 3 == 0 ? "company-" + i : i % 3 == 1 ? "OWNS:person-" + i + "->company-" + (i / 7) : "Société-ß-" + i);
        }
        // The store: some keys, some twice (the last one stands), some without a readable hash.
        for (int i = 0; i < 40_000; i++) {
            String key = keys.get(random.nextInt(20_000));
            long bits = random.nextLong();
            String extra = types[random.nextInt(types.length)];
            Model m = new Model();
            m.state = "stored";
            m.extra = extra;
            if (i % 2 == 0) {
                index.recorded(key, bits, extra);
                m.hashed = true;
                m.hash = bits;
            } else {
                String hash = random.nextInt(10) == 0 ? (random.nextBoolean() ? null : "not-a-hash") : hex(bits);
                index.stored(key, hash, extra);
                m.hashed = hash != null && !hash.equals("not-a-hash");
                m.hash = m.hashed ? bits : 0;
            }
            model.put(key, m);
        }
        index.stored(null, hex(1), "Company"); // a node without an id: left alone
        assertEquals(model.size(), index.size());
        // Unread files claim some stored keys (and name some the store does not hold).
        for (int i = 0; i < 3_000; i++) {
            String key = keys.get(random.nextInt(25_000));
            Model m = model.get(key);
            boolean expected = m != null && !m.state.equals("seen");
            assertEquals(expected, index.claim(key), key);
            if (expected) {
                m.state = "claimed";
            }
        }
        for (String key : keys) {
            Model m = model.get(key);
            String[] claimed = index.claimed(key);
            if (m != null && m.state.equals("claimed")) {
                assertArrayEquals(new String[] {m.hashed ? String.format("%016x", m.hash) : "", m.extra}, claimed, key);
            } else {
                assertNull(claimed, key);
            }
        }
        // The files read: stored facts as they were or edited, new ones, and some met twice.
        for (int i = 0; i < 40_000; i++) {
            String key = keys.get(random.nextInt(keys.size()));
            Model m = model.get(key);
            boolean same = m != null && m.hashed && random.nextBoolean();
            String hash = same ? hex(m.hash) : hex(random.nextLong());
            HashIndex.Change change = index.see(key, hash);
            assertEquals(m != null && m.state.equals("stored") ? m.extra : null, index.seenExtra(), key);
            if (m == null) {
                assertEquals(HashIndex.Change.NEW, change, key);
                Model seen = new Model();
                seen.state = "seen";
                model.put(key, seen);
            } else if (!m.state.equals("stored")) {
                assertEquals(HashIndex.Change.REPEATED, change, key);
            } else {
                assertEquals(same ? HashIndex.Change.UNCHANGED : HashIndex.Change.CHANGED, change, key);
                m.state = "seen";
            }
            assertTrue(index.known(key));
        }
        assertFalse(index.known("never-" + keys.get(0)));
        assertEquals(model.size(), index.size());
        Map<String, String> unseen = new TreeMap<>();
        index.forEachUnseen((key, extra) -> assertNull(unseen.put(key, String.valueOf(extra)), key));
        Map<String, String> expected = new TreeMap<>();
        model.forEach((key, m) -> {
            if (m.state.equals("stored")) {
                expected.put(key, String.valueOf(m.extra));
            }
        });
        assertFalse(expected.isEmpty());
        Map<String, String> differ = new TreeMap<>(expected);
        differ.entrySet().removeIf(e -> e.getValue().equals(unseen.get(e.getKey())));
        unseen.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> differ.put(k, "(not stored, or seen)"));
        assertEquals(Map.of(), differ.entrySet().stream().limit(5).collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue)), "facts left unseen that should not be, or the reverse");
        assertEquals(expected.size(), unseen.size());
    }

    @Test
    void aRelationshipStoredBetweenOtherNodesThanDeclaredIsChangedThoughItsHashIsTheSame() {
        HashIndex index = new HashIndex();
        int n = 5_000; // distinct start ids, so that extra entries run well past the low bits
        for (int i = 0; i < n; i++) {
            index.storedRelationship("r" + i, hex(i), "from-" + i, i % 5 == 4 ? null : "to-" + i);
        }
        index.recorded("from-record", 7, "from-7"); // known from the last load's record: no ends to compare
        index.storedRelationship("claimed", hex(9), "from-9", "to-9");
        assertTrue(index.claim("claimed"));
        assertArrayEquals(new String[] {String.format("%016x", 9), "from-9"}, index.claimed("claimed"),
                "the ends' fingerprint leaves hash and start id as they were");
        for (int i = 0; i < n; i++) {
            String declaredFrom = "from-" + i;
            String declaredTo = "to-" + i;
            HashIndex.Change expected = i % 5 == 4 ? HashIndex.Change.CHANGED : HashIndex.Change.UNCHANGED;
            switch (i % 5) {
                case 1 -> {
                    declaredFrom = "from-" + (i + 1); // its start moved outside kg
                    expected = HashIndex.Change.CHANGED;
                }
                case 2 -> {
                    declaredTo = "to-" + i + "x"; // its end moved
                    expected = HashIndex.Change.CHANGED;
                }
                case 3 -> {
                    declaredFrom = "to-" + i; // ends swapped
                    declaredTo = "from-" + i;
                    expected = HashIndex.Change.CHANGED;
                }
                default -> {
                    // 0: as stored; 4: stored ending at a node without an id
                }
            }
            assertEquals(expected, index.see("r" + i, hex(i), declaredFrom, declaredTo), "r" + i);
            assertEquals("from-" + i, index.seenExtra(), "r" + i);
        }
        assertEquals(HashIndex.Change.UNCHANGED, index.see("from-record", hex(7), "elsewhere", "anywhere"));
        assertEquals(HashIndex.Change.REPEATED, index.see("claimed", hex(9), "from-9", "to-9"));
        assertTrue(HashIndex.ends("ab", "c") != HashIndex.ends("a", "bc"));
        assertTrue(HashIndex.ends("a", null) != HashIndex.ends("a", ""));
    }
}
