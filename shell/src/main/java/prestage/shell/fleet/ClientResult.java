package prestage.shell.fleet;

import java.util.Map;

/**
 * How one client's run ended: the summary row a finished client leaves behind.
 *
 * @param state    what the recap calls it
 * @param counts   its steps by status (ok, changed, drift, failed)
 * @param changed  whether a step changed the client (never under what-if)
 * @param seconds  wall time of its run
 * @param error    the first error (a failed step's message or what stopped the run), or null
 * @param exitCode what {@code prestage run} against this client alone would have returned
 * @param run      the single-client JSON document (command, target, steps, warnings, summary, exitCode) as text, kept
 *                 only while someone still needs it (the results journal, {@code --json}); null otherwise
 */
public record ClientResult(FleetMember member, State state, Map<String, Integer> counts, boolean changed, double seconds, String error,
                           int exitCode, String run) {

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
        UNREACHABLE,
        /** Not tried: the credentials it would use were refused by another client (never tried again on their own). */
        NOT_ATTEMPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** Whether the client is done: a retry has nothing to do for it. */
    public boolean finished() {
        return state == State.OK || state == State.CHANGED || state == State.DRIFT;
    }

    /** This row without the run's document: what stays in memory once the document is written where it goes. */
    public ClientResult summaryOnly() {
        return run == null ? this : new ClientResult(member, state, counts, changed, seconds, error, exitCode, null);
    }
}
