package kg;

/**
 * A mistake of the user's (bad input, a store in use, a refused statement): printed as its message, no
 * stack trace, and the process exits with {@link #exitCode()}.
 */
public class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
