package kg.query;

/**
 * One parameter a saved query declares in its header.
 *
 * @param defaultValue the typed value bound when none is given (may be null when the parameter is optional)
 * @param min          for integer and number parameters, the smallest value allowed, or null
 * @param max          for integer and number parameters, the largest value allowed, or null
 */
public record QueryParameter(String name, ParameterType type, boolean required, Object defaultValue,
                             String example, String description, Double min, Double max) {

    /** Converts a value given on the command line, checking type and range. */
    public Object convert(String raw) throws IllegalArgumentException {
        Object value = type.parse(raw);
        if (value instanceof Number n) {
            if (min != null && n.doubleValue() < min) {
                throw new IllegalArgumentException("must be at least " + plain(min) + ", got " + raw.strip());
            }
            if (max != null && n.doubleValue() > max) {
                throw new IllegalArgumentException("must be at most " + plain(max) + ", got " + raw.strip());
            }
        }
        return value;
    }

    /** One line for people: {@code entity (string, required, e.g. cainiao): the owned entity}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(type.yamlName());
        if (min != null || max != null) {
            sb.append(' ').append(min == null ? "" : plain(min)).append("..").append(max == null ? "" : plain(max));
        }
        if (required) {
            sb.append(", required");
        } else {
            sb.append(", default ").append(defaultValue == null ? "none" : display(defaultValue));
        }
        if (example != null && !example.isEmpty()) {
            sb.append(", e.g. ").append(example);
        }
        sb.append(')');
        if (description != null && !description.isEmpty()) {
            sb.append(": ").append(description);
        }
        return sb.toString();
    }

    private static String display(Object value) {
        if (value instanceof java.util.List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value instanceof Double d ? plain(d) : String.valueOf(value);
    }

    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
