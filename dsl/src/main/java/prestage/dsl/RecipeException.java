package prestage.dsl;

/**
 * A recipe went wrong at a known place: reads {@code (recipe.groovy, line 4) what went wrong}.
 * {@link #badInput()} says whether it is the recipe's or the user's mistake rather than a failure of the client.
 */
public final class RecipeException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;
    private final boolean badInput;

    public RecipeException(String file, int line, String problem, boolean badInput, Throwable cause) {
        super(line > 0 ? "(" + Invisible.show(file) + ", line " + line + ") " + Invisible.show(problem)
                : "(" + Invisible.show(file) + ") " + Invisible.show(problem), cause);
        this.file = file;
        this.line = line;
        this.problem = Invisible.show(problem);
        this.badInput = badInput;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    public boolean badInput() {
        return badInput;
    }
}
