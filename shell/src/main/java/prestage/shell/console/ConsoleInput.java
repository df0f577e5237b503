package prestage.shell.console;

/** Where console lines come from: a person at a terminal, or a pipe. */
interface ConsoleInput {
    /** The next line, or null at the end of input (Ctrl-D, end of the pipe). */
    String next();

    /** Asks a yes/no question; anything but yes is no. */
    boolean confirm(String question);
}
