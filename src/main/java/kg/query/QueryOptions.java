package kg.query;

import java.time.Duration;

/**
 * How a query is run, besides its own parameters.
 *
 * @param asOf      only relationships valid on this date (ISO partial date: 2018, 2018-06, 2018-06-15), or null
 * @param minStatus leave out claims weaker than this status (e.g. {@code reported} leaves out alleged and denied
 *                  claims), or null for every status
 * @param limit     at most this many rows, or null
 * @param timeout   stop the query after this long, or null for no limit
 */
public record QueryOptions(String asOf, String minStatus, Integer limit, Duration timeout) {

    public static final QueryOptions NONE = new QueryOptions(null, null, null, null);

    /** True when the options ask for relationships to be filtered (by date or status). */
    public boolean filters() {
        return asOf != null || minStatus != null;
    }
}
