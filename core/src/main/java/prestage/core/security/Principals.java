package prestage.core.security;

import java.util.Optional;

/**
 * How people write principals in the notations: a SID ({@code S-1-5-11}, icacls' {@code *S-1-5-11}), an
 * SDDL alias ({@code AU}) or the English name of a well-known account. Other names are refused rather
 * than guessed, because only Windows itself can resolve them (and it resolves them in its own language).
 */
public final class Principals {
    private Principals() {
    }

    /** The SID a principal token names, or a {@link SecurityFormatException} saying how to write it. */
    public static Sid resolve(String token) {
        String t = normalize(token);
        if (t.isEmpty()) throw new SecurityFormatException("empty principal: give an account such as BUILTIN\\Administrators or a SID such as *S-1-5-32-544");
        if (t.startsWith("*")) return Sid.parse(t.substring(1));
        if (t.regionMatches(true, 0, "S-1-", 0, 4)) return Sid.parse(t);
        Optional<WellKnownSid> known = WellKnownSid.byName(t);
        if (known.isEmpty() && t.length() == 2) known = WellKnownSid.byAlias(t.toUpperCase(java.util.Locale.ROOT));
        return known.map(WellKnownSid::sid).orElseThrow(() -> new SecurityFormatException("unknown account '" + t
                + "': only well-known accounts are resolved by name (Windows localizes names); give its SID instead, e.g. *S-1-5-21-...-1001"));
    }

    /** Whether {@link #resolve} would accept the token. */
    public static boolean isPrincipal(String token) {
        try {
            resolve(token);
            return true;
        } catch (SecurityFormatException e) {
            return false;
        }
    }

    /** {@code NT AUTHORITY\SYSTEM} for well-known SIDs, the SID string otherwise. */
    public static String displayName(Sid sid) {
        return WellKnownSid.bySid(sid).map(WellKnownSid::accountName).orElse(sid.toString());
    }

    /** Documentation artifacts: doubled backslashes, curly or straight quotes around the name. */
    static String normalize(String token) {
        String t = token == null ? "" : token.strip();
        t = stripQuotes(t);
        while (t.contains("\\\\")) t = t.replace("\\\\", "\\");
        return t.strip();
    }

    static String stripQuotes(String t) {
        String quotes = "\"'\u201C\u201D\u2018\u2019\u00AB\u00BB";
        int start = 0;
        int end = t.length();
        while (start < end && quotes.indexOf(t.charAt(start)) >= 0) start++;
        while (end > start && quotes.indexOf(t.charAt(end - 1)) >= 0) end--;
        return t.substring(start, end);
    }
}
