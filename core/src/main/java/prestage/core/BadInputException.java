package prestage.core;

/**
 * The user's input is wrong (a value, a file, a line) and nothing was changed.
 * The message is one line that names what is wrong and what to do; faces map it to exit status 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
