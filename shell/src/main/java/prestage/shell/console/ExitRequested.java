package prestage.shell.console;

/**
 * {@code System.exit(n)} (or {@code Runtime.exit}/{@code halt}) typed at the console: thrown instead of ending
 * the JVM, so the console can ask first rather than drop the session and its variables.
 */
final class ExitRequested extends RuntimeException {
    private final int status;

    ExitRequested(String call, int status) {
        super(call, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
