package kg.query;

import java.util.List;
import java.util.Map;

/**
 * The rows of a query, read inside its transaction, as plain values.
 *
 * @param ends     for relationships returned on their own, their end nodes by store element id (kg id and
 *                 name), so that they can be printed as {@code A -[T]-> B} without the store
 * @param complete false when reading stopped at the row limit with rows left unread
 */
public record QueryResult(List<String> columns, List<Map<String, Object>> rows, Map<String, NodeRef> ends,
                          boolean complete) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        ends = Map.copyOf(ends);
    }

    /** An end of a relationship: kg id and name. */
    public record NodeRef(String id, String name) {
    }
}
