package kg.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FingerprintTableTests {

    @Test
    void numbersFingerprintsInTheOrderAddedAsAMapWould() {
        SplittableRandom random = new SplittableRandom(7);
        FingerprintTable table = new FingerprintTable(50_000);
        Map<Long, Integer> model = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            // Repeats, zero, negatives, and keys that differ only in their high half (same low bits).
            long key = switch (i % 5) {
                case 0 -> random.nextLong(1_000);
                case 1 -> random.nextLong(1_000) << 32;
                case 2 -> -random.nextLong(1_000);
                default -> random.nextLong();
            };
            int expected = model.computeIfAbsent(key, k -> model.size());
            assertEquals(expected, table.add(key), "add " + key);
        }
        assertEquals(model.size(), table.size());
        model.forEach((key, number) -> assertEquals(number, table.find(key), "find " + key));
        for (int i = 0; i < 10_000; i++) {
            long absent = random.nextLong();
            assertEquals(model.getOrDefault(absent, -1), table.find(absent));
        }
    }

    @Test
    void holdsAsManyAsItsCapacityAndSaysWhenGivenMore() {
        FingerprintTable table = new FingerprintTable(3);
        for (long key = 0; key < 3; key++) {
            table.add(key * 1_000_003);
        }
        table.add(0); // a repeat takes no room
        assertEquals(3, table.size());
        table.add(4); // the capacity is rounded up to a power of two
        assertThrows(IllegalStateException.class, () -> table.add(5));
        assertEquals(-1, new FingerprintTable(0).find(0));
    }
}
