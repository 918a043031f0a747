package kg.schema;

import java.util.List;

/** One declared property of a node or relationship type. */
public record PropertySpec(
        String name,
        PropertyType type,
        boolean required,
        String description,
        List<String> values,
        Double min,
        Double max) {

    public PropertySpec {
        values = values == null ? List.of() : List.copyOf(values);
        description = description == null ? "" : description;
    }

    /** Human-readable type, e.g. {@code enum(a|b)} or {@code number 0..1}. */
    public String typeDescription() {
        StringBuilder sb = new StringBuilder(type.yamlName());
        if (type == PropertyType.ENUM) {
            sb.append('(').append(String.join("|", values)).append(')');
        }
        if (min != null || max != null) {
            sb.append(' ').append(min == null ? "" : format(min)).append("..").append(max == null ? "" : format(max));
        }
        return sb.toString();
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
