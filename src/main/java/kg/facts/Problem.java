package kg.facts;

/** One thing wrong with the facts, at a place in a file. Printed as {@code file:line:column: message}. */
public record Problem(Position position, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(Problem o) {
        return position.compareTo(o.position);
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
