package kg.facts;

/**
 * Bounds on what one fact file may make the parser do, so that hostile input (a billion-laughs file, a
 * gigabyte scalar, deep nesting) fails with a clear message in bounded memory.
 */
public record FactLimits(int maxCodePointsPerFile, int maxDepth, int maxAliasExpansionPerItem) {

    /** 64 Mi code points per file: split bigger fact sets over several files. */
    public static final FactLimits DEFAULT = new FactLimits(64 * 1024 * 1024, 32, 10_000);
}
