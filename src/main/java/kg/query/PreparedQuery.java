package kg.query;

import java.util.Map;

/**
 * A statement ready to run read-only: the Cypher with every placeholder expanded and the options applied,
 * and the parameters to bind (user values converted to their declared types, plus {@code asOf},
 * {@code statuses} and {@code limit}).
 */
public record PreparedQuery(String cypher, Map<String, Object> parameters) {

    public PreparedQuery {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
