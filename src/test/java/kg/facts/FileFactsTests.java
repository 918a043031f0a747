package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FileFactsTests {

    private static final String HASH = "0123456789abcdef0123456789abcdef";

    @Test
    void theNodesOfARecordAreItsSourcesAndEntitiesAsEachIdReadsThem() {
        FileFacts.Builder builder = new FileFacts.Builder("/facts/a.yaml");
        builder.declared(FileFacts.SOURCE, "s1", null, "f" + HASH.substring(1));
        builder.declared(FileFacts.ENTITY, "acme", "Company", HASH);
        builder.declared(FileFacts.ENTITY, "société-générale", "Company", "a" + HASH.substring(1)); // not ASCII
        builder.declaredRelationship("OWNS", "OWNS:acme->beta", HASH); // key prefixed by its type
        builder.declared(FileFacts.ENTITY, "pat", "Person", HASH);
        builder.declaredRelationship("OWNS", "stake-7", HASH); // an own id: the type follows the key
        builder.declared(FileFacts.ENTITY, "ляпин", "Person", "b" + HASH.substring(1));
        builder.declared(FileFacts.ENTITY, "acme", "Company", HASH); // a repeat
        builder.declared(FileFacts.SOURCE, "s2", null, HASH);
        FileFacts facts = builder.build();

        List<String> expected = new ArrayList<>();
        facts.forEachId((kind, type, id, hash) -> {
            if (kind != FileFacts.RELATIONSHIP) {
                expected.add(FileFacts.fingerprint(kind, id) + " " + type + " " + FileFacts.hashText(hash));
            }
        });
        List<String> nodes = new ArrayList<>();
        facts.forEachNode((fingerprint, type, hash) -> nodes.add(fingerprint + " " + type + " " + FileFacts.hashText(hash)));
        assertEquals(7, expected.size());
        assertEquals(expected, nodes);
        assertEquals(FileFacts.fingerprint(FileFacts.ENTITY, "société-générale") + " Company a" + HASH.substring(1, 16),
                nodes.get(2));
    }

    @Test
    void hashTextIsWhatHashBitsReads() {
        for (long bits : new long[] {0, 1, -1, Long.MIN_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L}) {
            String text = FileFacts.hashText(bits);
            assertEquals(16, text.length(), text);
            assertEquals(bits, FileFacts.hashBits(text), text);
        }
    }
}
