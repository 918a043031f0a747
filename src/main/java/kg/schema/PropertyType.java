package kg.schema;

import java.util.Locale;

/** The value types a schema property can declare. */
public enum PropertyType {
    STRING, INTEGER, NUMBER, BOOLEAN,
    /** A calendar date of year, month or day precision: 2018, 2018-06, 2018-06-15. */
    DATE,
    /** A list of strings. */
    LIST,
    /** One of a declared set of strings. */
    ENUM,
    /** A list of ids of declared entities; each one is checked as a reference. */
    IDS;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PropertyType fromYaml(String name) {
        for (PropertyType t : values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
