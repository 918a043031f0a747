package kg.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it stands. Scalars stay text: their meaning comes from the
 * schema, not from YAML's implicit typing (which would read 2018-06-15 as a timestamp and "no" as false).
 */
public sealed interface YNode {

    Position position();

    /** Number of nodes in this subtree, to bound what aliases can expand to. */
    int size();

    /** Short name of the kind for messages: text, list or mapping. */
    String kind();

    record Scalar(String value, boolean plain, Position position) implements YNode {
        /** A plain empty, ~ or null scalar: YAML's null. */
        public boolean isNull() {
            return plain && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                    || value.equals("NULL"));
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public String kind() {
            return "text";
        }
    }

    record Sequence(List<YNode> items, Position position, int size) implements YNode {
        @Override
        public String kind() {
            return "list";
        }
    }

    /** A mapping; keys are kept with their own positions. */
    record Mapping(Map<String, Entry> entries, Position position, int size) implements YNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String kind() {
            return "mapping";
        }
    }

    record Entry(String key, Position keyPosition, YNode value) {
    }
}
