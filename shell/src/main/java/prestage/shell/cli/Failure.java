package prestage.shell.cli;

import prestage.core.BadInputException;
import prestage.dsl.RecipeException;

/**
 * What an exception that stopped a command means to the user: the exit status (2 for their own mistake, 1 for
 * a failure) and the one line that says so. Every face maps exceptions through here, so they all agree.
 */
public record Failure(int exit, String message) {
    public static Failure of(Throwable e, boolean verbose) {
        if (e instanceof BadInputException) return new Failure(2, oneLine(e.getMessage()));
        if (e instanceof RecipeException r) return new Failure(r.badInput() ? 2 : 1, oneLine(r.getMessage()));
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Failure(1, "failed: " + oneLine(what) + (verbose ? "" : " (run with -v for details)"));
    }

    /** A message is one line: a line break inside one (from a tool's output, or a file name) is shown, not obeyed. */
    public static String oneLine(String message) {
        if (message == null) return "";
        return message.strip().replace("\r\n", " | ").replace("\n", " | ").replace("\r", " | ");
    }
}
