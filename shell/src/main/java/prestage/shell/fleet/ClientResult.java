package prestage.shell.fleet;

import java.util.Map;

/**
 * How one client's run ended.
 *
 * @param state    what the recap calls it
 * @param counts   its steps by status (ok, changed, drift, failed)
 * @param seconds  wall time of its run
 * @param error    the first error (a failed step's message or what stopped the run), or null
 * @param exitCode what {@code prestage run} against this client alone would have returned
 * @param document the single-client JSON document (command, target, steps, warnings, summary, exitCode)
 */
public record ClientResult(FleetMember member, State state, Map<String, Integer> counts, double seconds, String error, int exitCode,
                           Map<String, Object> document) {

    public enum State {
        /** Nothing to change. */
        OK,
        /** Changed something, no step failed. */
        CHANGED,
        /** Drift found (status, verify) or, under what-if, something would change. */
        DRIFT,
        /** A step failed or an error stopped the recipe. */
        FAILED,
        /** The client could not be opened (missing folder, host down, logon refused). */
        UNREACHABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the client is done: a retry has nothing to do for it. */
    public boolean finished() {
        return state == State.OK || state == State.CHANGED || state == State.DRIFT;
    }
}
