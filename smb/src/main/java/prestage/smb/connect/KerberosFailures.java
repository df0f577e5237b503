package prestage.smb.connect;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why Kerberos failed, in one line that names the cause and the fix. The JDK reports Kerberos errors as exceptions whose
 * messages end in the protocol's error number ({@code "Clock skew too great (37)"}, RFC 4120 section 7.5.9); its
 * {@code KrbException} is not exported, so the number is read from the message. No message here carries a secret: only
 * principal, host and file names.
 */
public final class KerberosFailures {
    private static final Pattern CODE = Pattern.compile("\\((\\d+)\\)\\s*$");

    private KerberosFailures() {
    }

    /** Where the failure happened, for the message. */
    public record Where(String principal, String host, String source) {
    }

    /** Where the JDK reads its Kerberos configuration (the shell sets the property from {@code KRB5_CONFIG}). */
    public static String configFile() {
        return System.getProperty("java.security.krb5.conf", "/etc/krb5.conf");
    }

    /** The one-line explanation of {@code e}, or null when nothing in it is a Kerberos failure this knows. */
    public static String explain(Throwable e, Where w) {
        String who = w.principal() == null ? "the Kerberos logon" : "the Kerberos logon of " + w.principal();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().strip();
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || m.contains("Cannot contact any KDC") || m.contains("Receive timed out")) {
                return "cannot reach a Kerberos KDC for " + who + " (" + firstLine(m.isEmpty() ? t.getClass().getSimpleName() : m)
                        + "): check the realm's kdc lines in " + configFile() + " (or KRB5_CONFIG) and that TCP/UDP port 88 of the domain controller is reachable";
            }
            if (m.contains("Cannot locate default realm") || m.contains("Cannot locate KDC")) {
                return "no Kerberos configuration for " + who + " (" + firstLine(m) + "): write " + configFile()
                        + " with default_realm and the realm's kdc (or set KRB5_CONFIG), or give the principal as user@REALM";
            }
            Matcher c = CODE.matcher(m);
            if (!c.find() || !(t.getClass().getName().endsWith("KrbException") || t.getClass().getName().endsWith("GSSException")
                    || t.getClass().getName().endsWith("LoginException"))) {
                continue;
            }
            String text = explainCode(Integer.parseInt(c.group(1)), w, who);
            if (text != null) return text;
        }
        return null;
    }

    private static String explainCode(int code, Where w, String who) {
        String host = w.host();
        return switch (code) {
            case 6 -> "the Kerberos KDC does not know the principal " + w.principal() + " (client not found): check the name and realm"
                    + " (klist -k KEYTAB lists a keytab's principals), or whether the account was deleted or renamed";
            case 7 -> isAddress(host)
                    ? host + " is an IP address and Kerberos names a server by its host name (no service principal cifs/" + host
                            + " in the domain): give the computer's DNS name, e.g. --target \\\\pc042.corp.example\\C$, or use --auth ntlm with a password"
                    : "the Kerberos KDC knows no service cifs/" + host + ": give the computer's full DNS name as registered in the domain"
                            + " (setspn -L COMPUTER lists its names), not an alias or an address";
            case 37 -> "the clocks of this machine and the domain differ by more than Kerberos allows (clock skew, usually 5 minutes)"
                    + " for " + who + ": set this machine's clock right (timedatectl set-ntp true, or chrony/ntpd against the domain controller)";
            case 32 -> "the Kerberos ticket for " + (w.principal() == null ? "the logon" : w.principal()) + " has expired"
                    + (w.source() == null ? "" : " (" + w.source() + ")") + ": run kinit again, or give --keytab FILE --principal NAME for unattended runs";
            case 24 -> "the domain refused " + who + " (pre-authentication failed): the password or the keytab's key is wrong or old;"
                    + " check the password, or export the keytab again after a password change";
            case 18 -> "the domain refused " + who + ": the account is disabled or locked out; enable it or use another administrator";
            case 23 -> "the password of " + w.principal() + " has expired: change it (kpasswd), then run kinit or export the keytab again";
            case 14 -> "the Kerberos KDC and this machine share no encryption type for " + who
                    + ": allow AES (aes256-cts) for the account, or check permitted_enctypes in " + configFile();
            case 68 -> "the realm of " + w.principal() + " is wrong (KDC_ERR_WRONG_REALM): give the principal as user@REALM with the domain's realm in capitals";
            case 41, 31 -> host + " could not check the Kerberos ticket (its key for cifs/" + host + " differs from the domain's):"
                    + " the computer account's password changed or the host name points at another machine; check the name, rejoin the computer";
            default -> null;
        };
    }

    static boolean isAddress(String host) {
        return host != null && (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":"));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
