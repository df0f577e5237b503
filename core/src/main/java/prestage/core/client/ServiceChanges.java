package prestage.core.client;

/**
 * May prestage change services on a remote client for the length of a run (start a stopped Remote Registry, create the
 * one-shot service that installs the MSI)? It travels in the run's
 * {@link ClientSettings}; the shell sets it from {@code --no-service-changes} and {@code --what-if}.
 */
public enum ServiceChanges {
    /** Change them, and put each back as it was at the end. */
    ALLOWED,
    /** {@code --no-service-changes}: refuse, naming the command an admin can run on the client instead. */
    REFUSED,
    /** {@code --what-if}: change nothing, say what a run would change. */
    WHAT_IF
}
