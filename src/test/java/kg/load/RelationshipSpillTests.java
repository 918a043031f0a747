package kg.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import kg.store.BulkImport;

/** What the spill gives back is what went in: every value type, long and non-ASCII text, names reused. */
class RelationshipSpillTests {

    private static String text(SplittableRandom random) {
        int pick = random.nextInt(200);
        if (pick == 0) {
            return "";
        }
        if (pick == 1) {
            return "x".repeat(70_000 + random.nextInt(100_000)); // past the spill's 64 KiB buffer
        }
        return pick < 20 ? "Société Générale ß \u4e2d\u6587 " + random.nextInt() : "person-" + random.nextInt(1_000_000);
    }

    private static Object value(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextDouble() * 100;
            case 2 -> random.nextBoolean();
            case 3 -> List.of(text(random), text(random));
            case 4 -> null;
            default -> text(random);
        };
    }

    @Test
    void replaysEveryRelationshipInOrderWithItsValues() {
        SplittableRandom random = new SplittableRandom(3);
        List<BulkImport.Relationship> added = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Map<String, Object> props = new LinkedHashMap<>();
            int n = random.nextInt(8);
            for (int p = 0; p < n; p++) {
                props.put(random.nextInt(3) == 0 ? "key " + random.nextInt(50) : "share" + p, value(random));
            }
            added.add(new BulkImport.Relationship(i % 7 == 0 ? "Source" : "Entity", text(random), text(random),
                    "TYPE_" + random.nextInt(13), props));
        }
        List<BulkImport.Relationship> replayed = new ArrayList<>();
        try (RelationshipSpill spill = new RelationshipSpill()) {
            added.forEach(spill::add);
            assertEquals(added.size(), spill.count());
            spill.replay(replayed::add);
            List<BulkImport.Relationship> again = new ArrayList<>();
            spill.replay(again::add);
            assertEquals(replayed.size(), again.size(), "a second replay gives the same");
        }
        assertEquals(added.size(), replayed.size());
        for (int i = 0; i < added.size(); i++) {
            BulkImport.Relationship in = added.get(i);
            BulkImport.Relationship out = replayed.get(i);
            assertEquals(in.space(), out.space());
            assertEquals(in.from(), out.from());
            assertEquals(in.to(), out.to());
            assertEquals(in.type(), out.type());
            List<String> keptKeys = in.properties().entrySet().stream().filter(e -> e.getValue() != null)
                    .map(Map.Entry::getKey).toList();
            assertEquals(keptKeys, List.copyOf(out.properties().keySet()), "null values are left out, order kept");
            for (String key : keptKeys) {
                Object expected = in.properties().get(key);
                Object actual = out.properties().get(key);
                if (expected instanceof List<?> list) {
                    assertArrayEquals(list.toArray(new String[0]), (String[]) actual, key);
                } else {
                    assertEquals(expected, actual, key);
                }
            }
            assertFalse(out.properties().containsValue(null));
        }
    }
}
