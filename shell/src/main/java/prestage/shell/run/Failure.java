package prestage.shell.run;

import picocli.CommandLine;
import prestage.core.BadInputException;
import prestage.core.outcome.Outcome;
import prestage.dsl.RecipeException;

/**
 * What an exception that stopped a command means to the user: the exit status (2 for their own mistake, 1 for
 * a failure) and the one line that says so. Exit statuses come from two places only: {@link Outcome#exitCode()}
 * for the steps a run recorded, and this class for everything that stopped it (as picocli's
 * {@link CommandLine.IExitCodeExceptionMapper} too), so every face agrees.
 */
public record Failure(int exit, String message) {
    /** The one mapping of exceptions to exit statuses, for picocli and any face that catches an exception itself. */
    public static final CommandLine.IExitCodeExceptionMapper EXIT_CODES = e -> of(e, false).exit();

    public static Failure of(Throwable e, boolean verbose) {
        if (e instanceof BadInputException) return badInput(e.getMessage());
        if (e instanceof RecipeException r) return new Failure(r.badInput() ? Outcome.EXIT_BAD_INPUT : Outcome.EXIT_FAILED, oneLine(r.getMessage()));
        String what = prestage.core.ErrorText.of(e);
        return new Failure(Outcome.EXIT_FAILED, "failed: " + oneLine(what) + (verbose ? "" : " (run with -v for details)"));
    }

    /** The user's own mistake (a bad option, value or file): nothing was changed. */
    public static Failure badInput(String message) {
        return new Failure(Outcome.EXIT_BAD_INPUT, oneLine(message));
    }

    /**
     * This failure once the run had already changed the client: bad input promises that nothing changed, so it
     * becomes a failure (1) rather than stay a usage error (2).
     */
    public Failure afterChanges(boolean changedAnything) {
        return exit == Outcome.EXIT_BAD_INPUT && changedAnything ? new Failure(Outcome.EXIT_FAILED, message) : this;
    }

    /**
     * The exit status of runs taken together (a fleet's clients): the worst of theirs, with bad input (2) only while
     * no run changed anything, since that status promises nothing was changed.
     */
    public static int worst(java.util.Collection<Integer> exits, boolean anyChanged) {
        boolean badInput = exits.contains(Outcome.EXIT_BAD_INPUT);
        if (exits.contains(Outcome.EXIT_FAILED) || badInput && anyChanged) return Outcome.EXIT_FAILED;
        if (badInput) return Outcome.EXIT_BAD_INPUT;
        if (exits.contains(Outcome.EXIT_DRIFT)) return Outcome.EXIT_DRIFT;
        return Outcome.EXIT_DONE;
    }

    /** A message is one line: a line break inside one (from a tool's output, or a file name) is shown, not obeyed. */
    public static String oneLine(String message) {
        if (message == null) return "";
        return message.strip().replace("\r\n", " | ").replace("\n", " | ").replace("\r", " | ");
    }
}
