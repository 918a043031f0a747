package kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeNumbersTests {

    @Test
    void nodesAreNumberedInTheOrderTheyComeAndSpacesMayShareKeys() {
        NodeNumbers numbers = new NodeNumbers();
        for (int i = 0; i < 50_000; i++) {
            assertEquals(2L * i, numbers.add("Entity", "e-" + i));
            assertEquals(2L * i + 1, numbers.add("Source", "e-" + i));
        }
        for (int i = 0; i < 50_000; i += 7) {
            assertEquals(2L * i, numbers.of("Entity", "e-" + i));
            assertEquals(2L * i + 1, numbers.of("Source", "e-" + i));
        }
    }

    @Test
    void aRepeatedKeyOrAnUnknownOneFailsTheImport() {
        NodeNumbers numbers = new NodeNumbers();
        numbers.add("Entity", "a");
        assertThrows(IllegalArgumentException.class, () -> numbers.add("Entity", "a"));
        assertThrows(IllegalArgumentException.class, () -> numbers.of("Entity", "b"));
        assertThrows(IllegalArgumentException.class, () -> numbers.of("Source", "a"));
    }

    @Test
    void aSecondPassOverTheNodesNumbersThemAgainFromZero() {
        NodeNumbers numbers = new NodeNumbers();
        numbers.add("Entity", "a");
        numbers.add("Entity", "b");
        numbers.restart();
        assertEquals(0, numbers.add("Entity", "b"));
        assertEquals(1, numbers.add("Entity", "a"));
        assertEquals(0, numbers.of("Entity", "b"));
    }
}
