package kg.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where "this relationship counts" is written: valid on the {@code --as-of} date and at least
 * as strong as the {@code --min-status}. Query files say {@code /*kg:valid(r)*}{@code /true} wherever a
 * relationship {@code r} must pass; run as plain Cypher that is just {@code true} (no filter), and the query
 * library replaces it with the predicate below, bound to {@code $asOf} and {@code $statuses} (null = no filter).
 *
 * <p>Dates are ISO partial dates stored as text (2018, 2018-06, 2018-06-15), which sort correctly. A
 * relationship is valid on date D when it began no later than D and had not ended before D, where an end
 * known only to the year or month is compared at that precision: {@code until: 2020} is still valid as of
 * 2020-06-15.
 */
public final class Validity {

    /** The placeholder, with the relationship variable as group 1. */
    static final Pattern PLACEHOLDER = Pattern.compile("/\\*\\s*kg:valid\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*\\*/\\s*true\\b");

    /** Loose form, to catch misspelt placeholders that would silently not filter. */
    static final Pattern ANY_MENTION = Pattern.compile("kg:valid");

    public static final String AS_OF = "asOf";
    public static final String STATUSES = "statuses";

    private Validity() {
    }

    /** The predicate for relationship variable {@code r}. */
    public static String predicate(String r) {
        return "(($" + AS_OF + " IS NULL OR ((" + r + ".since IS NULL OR " + r + ".since <= $" + AS_OF + ")"
                + " AND (" + r + ".until IS NULL OR " + r + ".until >= substring($" + AS_OF + ", 0, size(" + r
                + ".until)))))"
                + " AND ($" + STATUSES + " IS NULL OR " + r + ".status IN $" + STATUSES + "))";
    }

    static boolean usedIn(String cypher) {
        return PLACEHOLDER.matcher(cypher).find();
    }

    /** Cypher with every placeholder replaced by the predicate. */
    static String expand(String cypher) {
        Matcher m = PLACEHOLDER.matcher(cypher);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(predicate(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Number of loose mentions that are not well-formed placeholders (a typo would silently disable the filter). */
    static long malformed(String cypher) {
        long all = ANY_MENTION.matcher(cypher).results().count();
        long good = PLACEHOLDER.matcher(cypher).results().count();
        return all - good;
    }
}
