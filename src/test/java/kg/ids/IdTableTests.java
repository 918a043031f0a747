package kg.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The packed id structures behind validation's index and the bulk import's node numbers, against plain collections on the same input. */
class IdTableTests {

    /** Short and long (past one length byte), ASCII and not, some differing only in the last character. */
    private static List<String> ids(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = switch (i % 5) {
                case 0 -> "company-" + i;
                case 1 -> "OWNS:person-" + i + "->company-" + (i * 31 % n);
                case 2 -> "Société-Générale-ß-" + i + "-\u4e2d\u6587";
                case 3 -> "long-" + "x".repeat(120 + random.nextInt(300)) + i;
                default -> "e" + i;
            };
            ids.add(id);
        }
        ids.add(""); // not a valid id, but a reference may name anything
        return ids;
    }

    @Test
    void tableFindsWhatWasPutAndNothingElse() {
        List<String> ids = ids(200_000);
        IdTable table = new IdTable();
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            assertEquals(-1, table.putIfAbsent(id, i % 7, i * 0x9E3779B97F4A7C15L, -i));
            entries.put(id, table.find(id));
        }
        assertEquals(ids.size(), table.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            int entry = table.find(id);
            assertEquals(entries.get(id), entry);
            assertEquals(i % 7, table.tag(entry));
            assertEquals(i * 0x9E3779B97F4A7C15L, table.hash(entry));
            assertEquals(-i, table.value(entry));
            // a repeat is not added and answers with the first entry, whatever it carries
            assertEquals(entry, table.putIfAbsent(id, 99, 0, 0));
            assertEquals(i % 7, table.tag(entry));
        }
        assertEquals(ids.size(), table.size());
        for (String id : ids.subList(0, 1000)) {
            assertEquals(-1, table.find(id + "!"));
            assertEquals(-1, table.find("!" + id));
        }
        List<String> iterated = new ArrayList<>();
        table.ids().forEach(iterated::add);
        assertEquals(ids, iterated);
    }

    @Test
    void listKeepsOrderTagsAndValues() {
        List<String> ids = ids(10_000);
        IdList list = new IdList();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, list.add(IdList.bytes(ids.get(i)), -i, Long.MIN_VALUE + i));
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(ids.get(i), list.id(i));
            assertEquals(-i, list.tag(i));
            assertEquals(Long.MIN_VALUE + i, list.value(i));
            assertTrue(list.idIs(i, IdList.bytes(ids.get(i))));
        }
        assertFalse(list.idIs(0, IdList.bytes(ids.get(0) + "0")));
    }
}
