package prestage.smb.svcctl;

import java.util.Locale;

import prestage.core.BadInputException;

/**
 * May prestage change services on a remote client for the length of a run (start a stopped Remote Registry, create the
 * one-shot service that installs the MSI)? The shell sets it from {@code --no-service-changes} and {@code --what-if}.
 */
public enum ServiceChanges {
    /** Change them, and put each back as it was at the end. */
    ALLOWED,
    /** {@code --no-service-changes}: refuse, naming the command an admin can run on the client instead. */
    REFUSED,
    /** {@code --what-if}: change nothing, say what a run would change. */
    WHAT_IF;

    /** The system property the shell sets: allowed, refused or what-if. */
    public static final String PROPERTY = "prestage.smb.serviceChanges";

    public static ServiceChanges of(String value) {
        if (value == null || value.isBlank()) return ALLOWED;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "allowed", "yes" -> ALLOWED;
            case "refused", "no" -> REFUSED;
            case "what-if" -> WHAT_IF;
            default -> throw new BadInputException("-D" + PROPERTY + "=" + value + ": use allowed, refused or what-if");
        };
    }

    public String property() {
        return switch (this) {
            case ALLOWED -> "allowed";
            case REFUSED -> "refused";
            case WHAT_IF -> "what-if";
        };
    }
}
