package kg.store;

import java.util.HashMap;
import java.util.Map;

import kg.ids.IdTable;

/**
 * The node ids of a bulk import, handed out 0, 1, 2, ... in the order the nodes come, so that the importer
 * writes each node at its number and takes a relationship's ends as numbers too. The importer's own mapping
 * of string ids (encode, sort, then a binary search per relationship end) was two fifths of the relationship
 * stage's CPU on a million entities. One producer thread numbers the nodes; once that pass is over, any
 * thread may look numbers up.
 */
final class NodeNumbers {

    /** Neo4j reserves this id (-1 as an unsigned int); no record may be written at it. */
    private static final long RESERVED = 0xFFFF_FFFFL;

    private final Map<String, IdTable> spaces = new HashMap<>();
    private long next;

    /** Forgets every number: a pass over the nodes starts again at 0. */
    void restart() {
        spaces.clear();
        next = 0;
    }

    /** The next number, for a key new to its space. */
    long add(String space, String key) {
        long number = next == RESERVED ? ++next : next;
        if (spaces.computeIfAbsent(space, s -> new IdTable()).putIfAbsent(key, 0, 0, number) >= 0) {
            throw new IllegalArgumentException("two nodes in space " + space + " have the key " + key);
        }
        next = number + 1;
        return number;
    }

    /** The number of the node with this key in this space. */
    long of(String space, String key) {
        IdTable table = spaces.get(space);
        int entry = table == null ? -1 : table.find(key);
        if (entry < 0) {
            throw new IllegalArgumentException("a relationship names a node that was not imported: " + space + " " + key);
        }
        return table.value(entry);
    }
}
