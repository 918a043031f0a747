package kg.export;

import java.util.Collection;
import java.util.Map;

import kg.Json;

/**
 * The GraphML {@code attr.type} of a key, chosen from the values it takes across every element of an export:
 * one type when they agree, the wider number when integers and decimals meet, string otherwise. Lists and
 * maps are JSON strings.
 */
enum GraphmlType {
    BOOLEAN("boolean"), INT("int"), LONG("long"), DOUBLE("double"), STRING("string");

    private final String attrType;

    GraphmlType(String attrType) {
        this.attrType = attrType;
    }

    String attrType() {
        return attrType;
    }

    static GraphmlType of(Object value) {
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Double || value instanceof Float) {
            return DOUBLE;
        }
        return STRING;
    }

    /**
     * Whether a key's type can change how this value is written: an integer under a key that also holds
     * decimals is written as a decimal, a float under a key of strings as a float's text.
     */
    static boolean textDependsOnKey(Object value) {
        return value instanceof Number && !(value instanceof Double) && of(value) != STRING;
    }

    /** The narrowest type that holds values of both. */
    GraphmlType merge(GraphmlType other) {
        if (this == other) {
            return this;
        }
        if (this == BOOLEAN || other == BOOLEAN || this == STRING || other == STRING) {
            return STRING;
        }
        if (this == DOUBLE || other == DOUBLE) {
            return DOUBLE;
        }
        return LONG; // int and long
    }

    /** The value written as this type's text. */
    String format(Object value) {
        return switch (this) {
            case BOOLEAN, INT, LONG -> value.toString();
            case DOUBLE -> Double.toString(((Number) value).doubleValue());
            case STRING -> text(value);
        };
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return Json.write(value);
        }
        return String.valueOf(value);
    }
}
