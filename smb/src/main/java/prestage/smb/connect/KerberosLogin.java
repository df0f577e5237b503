package prestage.smb.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * A Kerberos ticket-granting ticket in a JAAS {@link Subject}, from the JDK's {@code Krb5LoginModule}: out of a keytab
 * (unattended fleet runs), a ticket cache ({@code kinit}), or a password from a credentials file. The login
 * configuration is built here, per logon, so no {@code jaas.conf} file or JVM-wide property is involved. Every failure
 * is one {@link SmbConnectException} line that names the cause and the fix, and never holds the password or a key.
 */
final class KerberosLogin {
    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private KerberosLogin() {
    }

    /** The keys of {@code principal} in {@code keytab}; refused before any network traffic when the keytab lacks them. */
    static Subject keytab(Path keytab, String principal, String host) {
        String source = "keytab " + keytab;
        if (!Files.isRegularFile(keytab)) {
            throw new SmbConnectException("--keytab " + keytab + " does not exist: give the keytab file (exported with"
                    + " ktutil, ktpass or samba-tool domain exportkeytab)", null);
        }
        if (!Files.isReadable(keytab)) {
            throw new SmbConnectException("--keytab " + keytab + " cannot be read by this user: make it readable (and only by this user: it holds keys)", null);
        }
        if (principal == null) {
            throw new SmbConnectException("--keytab " + keytab + " needs --principal NAME (user@REALM): klist -k " + keytab + " lists the principals it holds", null);
        }
        KerberosPrincipal kp = principal(principal, host);
        if (KeyTab.getInstance(kp, keytab.toFile()).getKeys(kp).length == 0) {
            throw new SmbConnectException("keytab " + keytab + " holds no key for " + kp.getName() + ": check the name with klist -k "
                    + keytab + ", or export that principal's keys into it", null);
        }
        var o = options(kp.getName());
        o.put("useKeyTab", "true");
        o.put("keyTab", keytab.toString());
        o.put("storeKey", "true");
        return login(o, null, new KerberosFailures.Where(kp.getName(), host, source));
    }

    /**
     * The tickets {@code kinit} left in {@code cache} ({@code KRB5CCNAME}: {@code FILE:/path} or a path). The JDK reads
     * only file caches; a cache in the kernel keyring or KCM is refused with the command that makes a file one.
     */
    static Subject ticketCache(String cache, String principal, String host) {
        String path = cache;
        int colon = cache.indexOf(':');
        if (colon > 0 && !cache.startsWith("/")) {
            String type = cache.substring(0, colon).toUpperCase(Locale.ROOT);
            if (!type.equals("FILE")) {
                throw new SmbConnectException("the Kerberos ticket cache " + cache + " is of type " + type + ", and Java reads only file caches:"
                        + " run  kinit -c FILE:/tmp/krb5cc_prestage_$(id -u)  and set KRB5CCNAME to that FILE:... name", null);
            }
            path = cache.substring(colon + 1);
        }
        if (!Files.isRegularFile(Path.of(path))) {
            throw new SmbConnectException("no Kerberos tickets: the ticket cache " + path + " does not exist; run kinit USER@REALM first"
                    + " (KRB5CCNAME names the cache), or give --keytab FILE --principal NAME", null);
        }
        String name = principal == null ? null : principal(principal, host).getName();
        var o = options(name);
        o.put("useTicketCache", "true");
        o.put("ticketCache", path);
        var where = new KerberosFailures.Where(name, host, "ticket cache " + path);
        try {
            return login(o, null, where);
        } catch (SmbConnectException e) {
            // the JDK says only "Unable to obtain Principal Name" when every ticket in an existing cache has expired
            if (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("Unable to obtain Principal Name")) {
                throw new SmbConnectException("the Kerberos tickets in " + path + " have expired (or hold no ticket-granting ticket"
                        + (name == null ? "" : " for " + name) + "): run kinit again (klist shows them), or give --keytab FILE --principal NAME", e.getCause());
            }
            throw e;
        }
    }

    /** Asks the KDC for a ticket with the password of a credentials file ({@code --auth kerberos --credentials FILE}). */
    static Subject password(String principal, char[] password, String host, String source) {
        KerberosPrincipal kp = principal(principal, host);
        var o = options(kp.getName());
        o.put("doNotPrompt", "false");
        CallbackHandler handler = callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) n.setName(kp.getName());
                else if (c instanceof PasswordCallback p) p.setPassword(password);
                else throw new UnsupportedCallbackException(c);
            }
        };
        try {
            return login(o, handler, new KerberosFailures.Where(kp.getName(), host, source));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** A principal name; without {@code @REALM} the default realm of krb5.conf is taken (a missing one is explained). */
    private static KerberosPrincipal principal(String name, String host) {
        try {
            return new KerberosPrincipal(name, KerberosPrincipal.KRB_NT_PRINCIPAL);
        } catch (IllegalArgumentException e) {
            String why = KerberosFailures.explain(e, new KerberosFailures.Where(name, host, null));
            throw new SmbConnectException(why != null ? why : "'" + name + "' is not a Kerberos principal (" + e.getMessage() + "): write it as user@REALM", e);
        }
    }

    private static Map<String, String> options(String principal) {
        var o = new HashMap<String, String>();
        o.put("doNotPrompt", "true");
        o.put("isInitiator", "true");
        if (principal != null) o.put("principal", principal);
        return o;
    }

    private static Subject login(Map<String, String> options, CallbackHandler handler, KerberosFailures.Where where) {
        var entry = new AppConfigurationEntry(MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.copyOf(options));
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {entry};
            }
        };
        Subject subject = new Subject();
        try {
            new LoginContext("prestage", subject, handler, configuration).login();
            return subject;
        } catch (LoginException | RuntimeException e) {
            String why = KerberosFailures.explain(e, where);
            throw new SmbConnectException(why != null ? why : "Kerberos logon" + (where.principal() == null ? "" : " of " + where.principal())
                    + " failed (" + firstLine(e) + ")" + (where.source() == null ? "" : " with " + where.source())
                    + ": check the principal, the realm in " + KerberosFailures.configFile() + ", and klist", e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
