package kg.facts;

import java.util.List;
import java.util.Map;

/** One validated fact from a fact file, with typed property values and where it was declared. */
public sealed interface Fact {

    Position position();

    /** Hash of the whole content, to tell an unchanged fact from an edited one without reading the store. */
    String hash();

    /** A document facts are taken from. */
    record Source(String id, Map<String, Object> properties, Position position, String hash) implements Fact {
    }

    /** A company, agency, person, law, country, site, platform or organization. */
    record Entity(String id, String type, Map<String, Object> properties, Position position, String hash)
            implements Fact {
    }

    /**
     * A sourced claim joining two entities. {@code key} identifies it across loads: the curator's id, or
     * {@code TYPE:from->to} ({@code TYPE:a--b} with sorted ends when the type is undirected).
     */
    record Relationship(String key, String type, String from, String to, String status,
                        Map<String, Object> properties, List<Citation> citations, Position position, String hash)
            implements Fact {
    }

    /** A source cited for a relationship, optionally with a short verbatim quote. */
    record Citation(String source, String quote, Position position) {
    }
}
