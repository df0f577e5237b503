package prestage.smb.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import prestage.core.BadInputException;

/**
 * Who logs on to a remote client. Never taken from the command line (it would show in {@code ps} and shell history):
 * a file in the format {@code smbclient -A} reads ({@code username = }, {@code password = }, {@code domain = }), or
 * the environment variables {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}. A user may be written
 * {@code DOMAIN\\user}. {@link #toString()} never shows the password.
 */
public final class SmbCredentials {
    public static final String USER_VARIABLE = "PRESTAGE_SMB_USER";
    public static final String PASSWORD_VARIABLE = "PRESTAGE_SMB_PASSWORD";
    /** Where MIT and Heimdal Kerberos keep the user's tickets when not told otherwise ({@code FILE:/tmp/krb5cc_UID}). */
    static final String TICKET_CACHE_VARIABLE = "KRB5CCNAME";

    private final String user;
    private final String domain;
    private final char[] password;

    public SmbCredentials(String user, String domain, char[] password) {
        this.user = user;
        this.domain = domain == null || domain.isEmpty() ? null : domain;
        this.password = password.clone();
    }

    public String user() {
        return user;
    }

    /** The domain, or null for the server's own (local accounts). */
    public String domain() {
        return domain;
    }

    public char[] password() {
        return password.clone();
    }

    /**
     * The credentials for {@code address}: from {@code file} when given, else from the environment. A user or domain
     * named in the address is taken when the source names none, and must agree when it does.
     */
    public static SmbCredentials resolve(SmbAddress address, Path file, Map<String, String> environment) {
        Parts p = file != null ? readFile(file) : fromEnvironment(environment, address);
        String source = file != null ? "credentials file " + file : USER_VARIABLE;
        String user = p.user;
        String domain = p.domain;
        if (address.user() != null) {
            if (user != null && !user.equalsIgnoreCase(address.user())) {
                throw new BadInputException("SMB target " + address + " names user '" + address.user() + "' but " + source
                        + " names '" + user + "': make them agree or drop the user from the target");
            }
            user = address.user();
        }
        if (address.domain() != null) {
            if (domain != null && !domain.equalsIgnoreCase(address.domain())) {
                throw new BadInputException("SMB target " + address + " names domain '" + address.domain() + "' but " + source
                        + " names '" + domain + "': make them agree or drop the domain from the target");
            }
            domain = address.domain();
        }
        if (user == null || user.isEmpty()) {
            throw new BadInputException("no user to log on to " + address.host() + " with: set username in " + source
                    + (file != null ? "" : " (or use --credentials FILE)"));
        }
        if (p.password == null) {
            String cache = file == null ? ticketCache(environment) : null;
            if (cache != null) throw ticketCacheNotAsked(user + "@" + address.host(), cache);
            throw new BadInputException("no password for " + user + "@" + address.host() + ": "
                    + (file != null ? "add a 'password = ...' line to " + file : "set " + PASSWORD_VARIABLE + " or use --credentials FILE"));
        }
        return new SmbCredentials(user, domain, p.password);
    }

    private record Parts(String user, String domain, char[] password) {
    }

    private static Parts fromEnvironment(Map<String, String> env, SmbAddress address) {
        String u = env.get(USER_VARIABLE);
        String pw = env.get(PASSWORD_VARIABLE);
        if ((u == null || u.isEmpty()) && address.user() == null) {
            String cache = ticketCache(env);
            if (cache != null) throw ticketCacheNotAsked(address.host(), cache);
            throw new BadInputException("no credentials for " + address.host() + ": pass --credentials FILE (smbclient -A format) or set "
                    + USER_VARIABLE + " and " + PASSWORD_VARIABLE + "; in a domain, run kinit or give --keytab FILE --principal NAME");
        }
        String[] ud = splitDomain(u == null || u.isEmpty() ? null : u);
        return new Parts(ud[1], ud[0], pw == null ? null : pw.toCharArray());
    }

    /**
     * The user's Kerberos ticket cache, when there is one to speak of: {@code KRB5CCNAME} (any type: FILE, DIR, KEYRING,
     * KCM), else the default {@code /tmp/krb5cc_UID} when that file exists; null otherwise.
     */
    static String ticketCache(Map<String, String> env) {
        String named = env.get(TICKET_CACHE_VARIABLE);
        if (named != null && !named.isBlank()) return named;
        try {
            String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[1]).findFirst().orElse(null);
            if (uid != null && Files.isRegularFile(Path.of("/tmp/krb5cc_" + uid))) return "FILE:/tmp/krb5cc_" + uid;
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: no default cache to point at
        }
        return null;
    }

    /** NTLM was asked for ({@code --auth ntlm}) without a password, while Kerberos tickets are there. */
    private static BadInputException ticketCacheNotAsked(String who, String cache) {
        return new BadInputException("no password for " + who + " to log on with NTLM (--auth ntlm); Kerberos tickets are in " + cache
                + ": use --auth kerberos (or auto), or give --credentials FILE or " + USER_VARIABLE + "/" + PASSWORD_VARIABLE);
    }

    /** Whether a password is there to log on with: a {@code password =} line in {@code file}, else {@value #PASSWORD_VARIABLE}. */
    static boolean hasPassword(Path file, Map<String, String> environment) {
        if (file != null) return readFile(file).password != null;
        String pw = environment.get(PASSWORD_VARIABLE);
        return pw != null && !pw.isEmpty();
    }

    /**
     * This account as a Kerberos principal: {@code user@REALM} when the user is written so or the domain is a DNS
     * name (its upper case is the realm, as in Active Directory); the bare user otherwise (krb5.conf's default realm).
     */
    public String principal() {
        if (user.contains("@")) return user;
        return domain != null && domain.contains(".") ? user + "@" + domain.toUpperCase(java.util.Locale.ROOT) : user;
    }

    /** Reads {@code username = }, {@code password = }, {@code domain = } lines; blank lines and # or ; comments are skipped. */
    static Parts readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("credentials file " + file + " does not exist: give a file with username/password/domain lines (smbclient -A format)");
        } catch (IOException e) {
            throw new BadInputException("credentials file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        String user = null;
        String domain = null;
        char[] password = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
            int eq = t.indexOf('=');
            String where = file + " line " + (i + 1);
            if (eq < 0) throw new BadInputException(where + ": expected 'username = ...', 'password = ...' or 'domain = ...'");
            String key = t.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            // smbclient keeps everything after "= " in a password, inner spaces included; only the line end is cut
            String value = line.substring(line.indexOf('=') + 1).replaceFirst("^[ \\t]+", "").replaceFirst("[\\r]$", "");
            switch (key) {
                case "username" -> {
                    String[] ud = splitDomain(value.strip());
                    user = ud[1];
                    if (ud[0] != null) domain = ud[0];
                }
                case "password" -> password = value.toCharArray();
                case "domain", "workgroup" -> domain = value.strip();
                default -> throw new BadInputException(where + ": unknown key '" + key + "'; expected username, password or domain");
            }
        }
        return new Parts(user, domain, password);
    }

    /** {@code DOMAIN\\user} or {@code DOMAIN/user} to [domain, user]; a bare user has a null domain. */
    private static String[] splitDomain(String u) {
        if (u == null) return new String[] {null, null};
        int i = Math.max(u.indexOf('\\'), u.indexOf('/'));
        return i < 0 ? new String[] {null, u} : new String[] {u.substring(0, i), u.substring(i + 1)};
    }

    @Override
    public String toString() {
        return (domain == null ? "" : domain + "\\") + user;
    }
}
