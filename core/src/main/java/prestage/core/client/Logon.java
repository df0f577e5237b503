package prestage.core.client;

import java.util.Locale;

import prestage.core.BadInputException;

/**
 * How a run logs on to machines on the network, as the user chose it ({@code --auth}, {@code --credentials},
 * {@code --keytab}, {@code --principal}, or a fleet host's {@code prestage_auth}, ...). Only names of files and
 * principals: no secret is ever held here (the password stays in its file, the keys in the keytab).
 *
 * @param auth        how to log on; null for {@link Auth#AUTO}
 * @param credentials a file in smbclient's {@code -A} format, or null
 * @param keytab      a Kerberos keytab, or null
 * @param principal   the Kerberos principal to log on as ({@code user@REALM}), or null
 */
public record Logon(Auth auth, String credentials, String keytab, String principal) {
    /** Nothing chosen: automatic, from the environment. */
    public static final Logon NONE = new Logon(null, null, null, null);

    /** NTLM or Kerberos; {@code AUTO} takes Kerberos when a keytab is given or a ticket cache (and no password) is there. */
    public enum Auth {
        KERBEROS, NTLM, AUTO;

        /** {@code kerberos}, {@code ntlm} or {@code auto} (any case); {@code source} names where the value came from. */
        public static Auth parse(String value, String source) {
            if (value == null || value.isBlank()) return null;
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(source + " '" + value.strip() + "': expected kerberos, ntlm or auto");
            }
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Auth authOrAuto() {
        return auth == null ? Auth.AUTO : auth;
    }

    /** This client's own choices, each falling back to {@code run}'s (a fleet host's variables over the command line's). */
    public Logon over(Logon run) {
        if (run == null) return this;
        return new Logon(auth != null ? auth : run.auth, credentials != null ? credentials : run.credentials,
                keytab != null ? keytab : run.keytab, principal != null ? principal : run.principal);
    }

    public boolean isEmpty() {
        return auth == null && credentials == null && keytab == null && principal == null;
    }
}
