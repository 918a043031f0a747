package kg.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import kg.facts.PartialDate;

/** The types a saved query's parameter can declare; each converts the text given on the command line. */
public enum ParameterType {
    STRING, INTEGER, NUMBER, BOOLEAN,
    /** An ISO partial date (2018, 2018-06, 2018-06-15), bound as its normalised text. */
    DATE,
    /** Comma-separated strings, bound as a list. */
    LIST;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ParameterType fromYaml(String name) {
        for (ParameterType t : values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(ParameterType::yamlName).toList());
    }

    /** Converts text to this type; the message of the exception says what was expected. */
    public Object parse(String raw) throws IllegalArgumentException {
        String s = raw.strip();
        return switch (this) {
            case STRING -> raw;
            case INTEGER -> {
                try {
                    yield Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer, got `" + raw + "`");
                }
            }
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(s);
                    if (Double.isNaN(d) || Double.isInfinite(d) || !s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
                        throw new NumberFormatException();
                    }
                    yield d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, got `" + raw + "`");
                }
            }
            case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> Boolean.TRUE;
                case "false", "no" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false, got `" + raw + "`");
            };
            case DATE -> PartialDate.parse(s).text();
            case LIST -> {
                List<String> items = Arrays.stream(raw.split(",", -1)).map(String::strip).toList();
                if (items.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("expected comma-separated values, got `" + raw + "`");
                }
                yield items;
            }
        };
    }
}
