package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The packed structures behind validation's index, against plain collections on the same input. */
class CompactIndexTests {

    @Test
    void positionsComeBackExactlyPackedOrNot() {
        PackedPositions positions = new PackedPositions();
        List<Position> all = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            for (int line : new int[] {1, 2, 1 << 20, (1 << 30) - 1, 1 << 30, Integer.MAX_VALUE}) {
                for (int column : new int[] {1, 8191, 8192, 100_000}) {
                    all.add(new Position("dir/facts-" + f + ".yaml", line, column));
                }
            }
        }
        List<Long> packed = new ArrayList<>();
        all.forEach(p -> packed.add(positions.pack(p)));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i), positions.unpack(packed.get(i)));
        }
        assertTrue(positions.pack(new Position("dir/facts-0.yaml", 3, 4)) >= 0, "a usual position packs");
        assertTrue(positions.pack(new Position("dir/facts-0.yaml", 3, 9000)) < 0, "a wide column is kept whole");
    }

    @Test
    void hashBitsAreTheFirstSixteenHexDigitsAsTheJdkReadsThem() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            String hex = String.format("%016x", random.nextLong()) + "0123abcd";
            String text = i % 2 == 0 ? hex : hex.toUpperCase();
            assertEquals(Long.parseUnsignedLong(text, 0, 16, 16), FileFacts.hashBits(text), text);
        }
        assertThrows(NumberFormatException.class, () -> FileFacts.hashBits("0123456789abcde"));
        assertThrows(NumberFormatException.class, () -> FileFacts.hashBits("0123456789abcdeg"));
        assertThrows(NumberFormatException.class, () -> FileFacts.hashBits("01234567-9abcdef0"));
    }
}
