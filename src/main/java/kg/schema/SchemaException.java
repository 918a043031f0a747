package kg.schema;

/** The schema files themselves are broken; names the file and what is wrong. */
public final class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }
}
