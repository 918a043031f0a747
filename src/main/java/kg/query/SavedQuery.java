package kg.query;

import java.util.List;
import java.util.Optional;

/**
 * A named, parameterised Cypher statement from a {@code .cypher} file.
 *
 * @param notes    what the rows mean and how they are computed (may be empty)
 * @param text     the whole file as written (header comments and Cypher)
 * @param filtered true when the statement uses the validity placeholder, so it takes --as-of and --min-status
 * @param oneOf    names of optional parameters of which at least one must be given (empty when none)
 */
public record SavedQuery(String name, String description, String notes, List<QueryParameter> parameters,
                         String text, boolean filtered, List<String> oneOf, String file) {

    public SavedQuery {
        parameters = List.copyOf(parameters);
        oneOf = List.copyOf(oneOf);
    }

    /**
     * The parameters of a call that runs: every required one, or (when none is required) the first of the
     * one-of group, each with its example value.
     */
    public List<QueryParameter> exampleCall() {
        List<QueryParameter> call = new java.util.ArrayList<>(parameters.stream().filter(QueryParameter::required).toList());
        if (call.isEmpty() && !oneOf().isEmpty()) {
            parameter(oneOf().get(0)).ifPresent(call::add);
        }
        return call;
    }

    public Optional<QueryParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The parameters, one per line, for messages and {@code kg query show}. */
    public String parameterList() {
        if (parameters.isEmpty()) {
            return "  (none)";
        }
        StringBuilder sb = new StringBuilder();
        for (QueryParameter p : parameters) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("  -p ").append(p.summary());
        }
        if (!oneOf.isEmpty()) {
            sb.append("\n  (give at least one of: ").append(String.join(", ", oneOf)).append(')');
        }
        return sb.toString();
    }
}
