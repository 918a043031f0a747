package kg.load;

/**
 * What a load changed, per kind of fact, and how many of its files it read (the others were byte for byte
 * those of the last load).
 */
public record LoadReport(Counts sources, Counts entities, Counts relationships, int filesRead) {

    /** Created, updated, removed and unchanged facts of one kind. */
    public record Counts(long created, long updated, long removed, long unchanged) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(long c, long u, long r, long same) {
            return new Counts(created + c, updated + u, removed + r, unchanged + same);
        }

        public boolean changedAnything() {
            return created + updated + removed > 0;
        }
    }

    public boolean changedAnything() {
        return sources.changedAnything() || entities.changedAnything() || relationships.changedAnything();
    }
}
