package prestage.smb.connect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import prestage.core.BadInputException;

/**
 * Where a remote client's drive is: host, TCP port, share, and the user and domain the address names (if any).
 * Two spellings: the UNC {@code \\host\C$} (also {@code //host/C$}) and {@code smb://[DOMAIN;]user@host[:port]/C$}
 * (the port is for tests and odd setups). A password is never part of an address: see {@link SmbCredentials}.
 */
public record SmbAddress(String host, int port, String share, String user, String domain) {
    public static final int DEFAULT_PORT = 445;

    private static final Pattern UNC = Pattern.compile("^(?:\\\\\\\\|//)([^\\\\/]+)[\\\\/]([^\\\\/]+)[\\\\/]?$");
    // smb://[DOMAIN;]user@host[:port]/share[/]; host may be an IPv6 literal in brackets
    private static final Pattern URL = Pattern.compile(
            "^smb://(?:(?:([^;@/:]+);)?([^;@/:]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[^@/:\\[\\]]+)(?::([0-9]+))?/([^/]+)/?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$");
    /** Characters Windows forbids in a share name. */
    private static final Pattern BAD_SHARE = Pattern.compile("[\\\\/:*?\"<>|\\x00-\\x1f]");

    public SmbAddress {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
    }

    /** True when {@code spec} is spelled as an SMB address (so a parse error is about SMB, not a local path). */
    public static boolean looksLike(String spec) {
        String s = spec.strip();
        return s.startsWith("\\\\") || s.startsWith("//") || s.toLowerCase(Locale.ROOT).startsWith("smb://");
    }

    /** Parses {@code \\host\C$} or {@code smb://[DOMAIN;]user@host[:port]/C$}; BadInputException names the value and the forms. */
    public static SmbAddress parse(String spec) {
        String s = spec.strip();
        Matcher m = UNC.matcher(s);
        if (m.matches()) return checked(spec, m.group(1), DEFAULT_PORT, m.group(2), null, null);
        if (s.toLowerCase(Locale.ROOT).startsWith("smb://")) {
            int slash = s.indexOf('/', 6);
            String authority = slash < 0 ? s.substring(6) : s.substring(6, slash);
            int at = authority.lastIndexOf('@');
            // smb://user:PASSWORD@host, or smbclient's -U spelling user%PASSWORD: refused, and never shown (Clients.masked)
            if (at >= 0 && (authority.substring(0, at).contains(":") || authority.substring(0, at).contains("%"))) {
                throw bad(spec, "a password does not belong in the address; put it in a --credentials file or PRESTAGE_SMB_PASSWORD");
            }
            m = URL.matcher(s);
            if (!m.matches()) throw bad(spec, "expected smb://[DOMAIN;]user@host[:port]/SHARE, e.g. smb://CORP;admin@pc042/C$");
            int port = DEFAULT_PORT;
            if (m.group(4) != null) {
                try {
                    port = Integer.parseInt(m.group(4));
                } catch (NumberFormatException e) {
                    port = 0;
                }
                if (port < 1 || port > 65535) throw bad(spec, "port " + m.group(4) + " is not between 1 and 65535");
            }
            return checked(spec, m.group(3), port, m.group(5), m.group(2), m.group(1));
        }
        if (looksLike(s)) throw bad(spec, "expected \\\\host\\SHARE (e.g. \\\\pc042\\C$): a host and a share, nothing after it");
        throw bad(spec, "expected \\\\host\\SHARE or smb://[DOMAIN;]user@host[:port]/SHARE");
    }

    private static SmbAddress checked(String spec, String host, int port, String share, String user, String domain) {
        if (!HOST.matcher(host).matches()) throw bad(spec, "'" + host + "' is not a host name or address");
        if (BAD_SHARE.matcher(share).find()) throw bad(spec, "'" + share + "' is not a share name");
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new SmbAddress(h, port, share, user, domain);
    }

    private static BadInputException bad(String spec, String what) {
        return new BadInputException("SMB target '" + prestage.core.client.open.Clients.masked(spec.strip()) + "': " + what);
    }

    /** {@code \\host\share} (with {@code :port} after the host when it is not 445), for messages. */
    public String unc() {
        // an IPv6 address in brackets, as in a URL, so its colons are not read as the port's
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "\\\\" + h + (port == DEFAULT_PORT ? "" : ":" + port) + "\\" + share;
    }

    @Override
    public String toString() {
        return unc();
    }
}
