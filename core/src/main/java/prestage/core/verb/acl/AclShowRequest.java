package prestage.core.verb.acl;

import java.util.List;
import java.util.Locale;

import prestage.core.BadInputException;

/** {@code acl show PATH --format F}; the format is checked and normalized here, before anything is read. */
public record AclShowRequest(String path, String format) {
    /** The notation when none is asked for: the one every tool reads back. */
    public static final String DEFAULT_FORMAT = "sddl";
    private static final List<String> FORMATS = List.of("sddl", "icacls", "cacls", "json");

    public AclShowRequest {
        String given = format;
        format = format == null || format.isBlank() ? DEFAULT_FORMAT : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new BadInputException("acl show: unknown format '" + given + "'; use sddl, icacls, cacls or json");
        }
    }

    public AclShowRequest(String path) {
        this(path, null);
    }
}
