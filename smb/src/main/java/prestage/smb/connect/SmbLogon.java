package prestage.smb.connect;

import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;

import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.auth.GSSAuthenticationContext;

import prestage.core.BadInputException;
import prestage.core.client.Logon;
import prestage.core.client.Logon.Auth;

/**
 * Who logs on to one remote client, and how: NTLM with a user name and password (workgroups, local accounts), or
 * Kerberos with a ticket-granting ticket (domains, and the only way in where NTLM is disabled). Chosen from the run's
 * {@link Logon} and the environment:
 * <ul>
 *   <li>{@code --auth ntlm}: a password from {@code --credentials FILE} or {@code PRESTAGE_SMB_USER}/{@code PRESTAGE_SMB_PASSWORD};</li>
 *   <li>{@code --auth kerberos}: the keys of {@code --keytab FILE --principal NAME}, else the password of an explicit
 *       {@code --credentials FILE} (its {@code domain =} naming the realm), else the ticket cache {@code kinit} left
 *       ({@code KRB5CCNAME}, or {@code /tmp/krb5cc_UID});</li>
 *   <li>{@code --auth auto} (the default): Kerberos when a keytab is given, or when a ticket cache is there and no
 *       password was given; NTLM otherwise.</li>
 * </ul>
 */
public sealed interface SmbLogon {
    /** Where a credentials file may be named instead of {@code --credentials} (for scripts that cannot pass options). */
    String CREDENTIALS_VARIABLE = "PRESTAGE_SMB_CREDENTIALS";

    /** smbj's view of it, handed to {@code Connection.authenticate}. */
    AuthenticationContext context();

    /** The account, for messages: {@code CORP\admin} or {@code admin@CORP.EXAMPLE}. */
    String who();

    /** NTLM with a password. */
    record Ntlm(SmbCredentials credentials) implements SmbLogon {
        @Override
        public AuthenticationContext context() {
            return new AuthenticationContext(credentials.user(), credentials.password(), credentials.domain() == null ? "" : credentials.domain());
        }

        @Override
        public String who() {
            return credentials.toString();
        }
    }

    /** Kerberos: {@code subject} holds the ticket-granting ticket; {@code source} says where it came from (for messages). */
    record Kerberos(Subject subject, String principal, String source) implements SmbLogon {
        @Override
        public AuthenticationContext context() {
            int at = principal.lastIndexOf('@');
            return new GSSAuthenticationContext(at < 0 ? principal : principal.substring(0, at), at < 0 ? "" : principal.substring(at + 1), subject, null);
        }

        @Override
        public String who() {
            return principal;
        }
    }

    /**
     * Resolves the logon for {@code address}. Kerberos logs on to the KDC here, before any SMB traffic, so that a bad
     * keytab, an expired ticket or a skewed clock is refused with nothing touched.
     *
     * @param environment where {@code PRESTAGE_SMB_*} and {@code KRB5CCNAME} are read (the process's, or a test's)
     */
    static SmbLogon resolve(SmbAddress address, Logon logon, Map<String, String> environment) {
        Logon l = logon == null ? Logon.NONE : logon;
        Auth auth = l.authOrAuto();
        Path file = l.credentials() != null ? Path.of(l.credentials()) : blankToNull(environment.get(CREDENTIALS_VARIABLE));
        if (auth == Auth.NTLM) {
            if (l.keytab() != null) {
                throw new BadInputException("--keytab is for Kerberos, and --auth ntlm was asked for: drop one of them");
            }
            return new Ntlm(SmbCredentials.resolve(address, file, environment));
        }
        String cache = SmbCredentials.ticketCache(environment);
        boolean kerberos = auth == Auth.KERBEROS || l.keytab() != null
                || cache != null && !SmbCredentials.hasPassword(file, environment);
        if (!kerberos) return new Ntlm(SmbCredentials.resolve(address, file, environment));
        String principal = l.principal() != null ? l.principal() : principalOf(address);
        if (l.keytab() != null) {
            Path keytab = Path.of(l.keytab());
            Subject subject = KerberosLogin.keytab(keytab, principal, address.host());
            return new Kerberos(subject, nameIn(subject, principal), "keytab " + keytab);
        }
        if (l.credentials() != null && SmbCredentials.hasPassword(file, environment)) {
            SmbCredentials c = SmbCredentials.resolve(address, file, environment);
            String p = principal != null ? principal : c.principal();
            Subject subject = KerberosLogin.password(p, c.password(), address.host(), "credentials file " + file);
            return new Kerberos(subject, nameIn(subject, p), "credentials file " + file);
        }
        if (cache == null) {
            throw new BadInputException("no Kerberos ticket to log on to " + address.host() + " with: run kinit USER@REALM first"
                    + " (or set KRB5CCNAME to its cache), or give --keytab FILE --principal NAME"
                    + (auth == Auth.KERBEROS ? ", or --credentials FILE with the password" : ""));
        }
        Subject subject = KerberosLogin.ticketCache(cache, principal, address.host());
        return new Kerberos(subject, nameIn(subject, principal), "ticket cache " + cache);
    }

    /** A user named in the address ({@code smb://CORP.EXAMPLE;admin@host/C$}) as a principal; null when it names none. */
    private static String principalOf(SmbAddress address) {
        if (address.user() == null) return null;
        if (address.user().contains("@")) return address.user();
        return address.domain() != null && address.domain().contains(".")
                ? address.user() + "@" + address.domain().toUpperCase(java.util.Locale.ROOT) : address.user();
    }

    /** The principal the KDC logged on (with its realm), else the name asked for. */
    private static String nameIn(Subject subject, String asked) {
        return subject.getPrincipals(KerberosPrincipal.class).stream().findFirst().map(KerberosPrincipal::getName)
                .orElse(asked == null ? "?" : asked);
    }

    private static Path blankToNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
