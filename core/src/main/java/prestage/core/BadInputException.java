package prestage.core;

/**
 * The user's input is wrong (a value, a file, a line) and nothing was changed.
 * The message is one line that names what is wrong and what to do; faces map it to exit status 2. Options in it
 * are named neutrally ({@link OptionWords}): {@link #getMessage()} words them for the command line,
 * {@link #wordedFor} for another face.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getMessage() {
        return wordedFor(OptionWords.Face.COMMAND_LINE);
    }

    /** The message with its options worded as {@code face} spells them. */
    public String wordedFor(OptionWords.Face face) {
        return face.word(super.getMessage());
    }
}
