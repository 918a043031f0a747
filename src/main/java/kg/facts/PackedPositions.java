package kg.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Position}s as longs, for indexes that hold millions: the file as its number among the files seen, with
 * line and column beside it in one word. A position past the packed ranges (a millionth file, a line past a
 * billion, a column past 8,191) is kept whole on the side, so every position comes back exactly.
 */
final class PackedPositions {

    private static final int FILE_BITS = 20;
    private static final int LINE_BITS = 30;
    private static final int COLUMN_BITS = 13;

    private final Map<String, Integer> fileNumbers = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private final List<Position> unpackable = new ArrayList<>();
    /** Positions come file by file: the last file's number, found by identity, spares a map lookup per position. */
    private String lastFile;
    private int lastNumber;

    /** Never negative for a packed position; an unpackable one is {@code -1 - its index} on the side. */
    long pack(Position position) {
        int file = number(position.file());
        if (file >> FILE_BITS != 0 || position.line() >> LINE_BITS != 0 || position.column() >> COLUMN_BITS != 0
                || position.line() < 0 || position.column() < 0) {
            unpackable.add(position);
            return -unpackable.size();
        }
        return (long) file << (LINE_BITS + COLUMN_BITS) | (long) position.line() << COLUMN_BITS | position.column();
    }

    private int number(String file) {
        if (file != lastFile) {
            Integer known = fileNumbers.get(file);
            if (known == null) {
                known = files.size();
                files.add(file);
                fileNumbers.put(file, known);
            }
            lastFile = file;
            lastNumber = known;
        }
        return lastNumber;
    }

    Position unpack(long packed) {
        if (packed < 0) {
            return unpackable.get((int) (-packed - 1));
        }
        return new Position(files.get((int) (packed >>> (LINE_BITS + COLUMN_BITS))),
                (int) (packed >>> COLUMN_BITS) & ((1 << LINE_BITS) - 1), (int) packed & ((1 << COLUMN_BITS) - 1));
    }
}
