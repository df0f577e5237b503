package prestage.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code cacls} listing the MED-V documentation prints: a principal line, and after
 * {@code (special access:)} one right constant per line, every named constant whose bits are all set:
 * <pre>
 * NT AUTHORITY\Authenticated Users:(OI)(CI)(special access:)
 *     READ_CONTROL
 *     SYNCHRONIZE
 *     FILE_GENERIC_READ
 *     ...
 * NT AUTHORITY\SYSTEM:(OI)(CI)F
 * </pre>
 * Parsing tolerates what documents do to it: bullets, curly quotes, doubled backslashes, a leading path.
 * Simple rights are cacls' own: F full, C change, R read (and execute), W write, N none (a deny).
 */
public final class CaclsListing {
    private static final Pattern RIGHT_LINE = Pattern.compile("[A-Za-z_]+|0[xX][0-9A-Fa-f]{1,8}");
    private static final String SPECIAL = "(SPECIAL ACCESS:)";

    private CaclsListing() {
    }

    private static Integer simpleRight(String letter) {
        return switch (letter.toUpperCase(Locale.ROOT)) {
            case "F" -> AccessRight.FILE_ALL_ACCESS;
            case "C" -> 0x0013_01BF;
            case "R" -> AccessRight.FILE_GENERIC_READ.mask() | AccessRight.FILE_GENERIC_EXECUTE.mask();
            case "W" -> AccessRight.FILE_GENERIC_WRITE.mask();
            default -> null;
        };
    }

    /** An entry ending in a right only cacls has: C (change) or N (none). */
    private static final Pattern CACLS_ONLY_RIGHT = Pattern.compile(".*:(\\([A-Za-z]+\\))*[CcNn]");

    /**
     * True when the text has the marks of a cacls listing: {@code (special access:)}, lines that are right
     * constants, or an entry ending in C or N. Otherwise it is read as icacls text, whose R is read only
     * where cacls' R is read and execute.
     */
    public static boolean looksLike(String text) {
        if (text.toUpperCase(Locale.ROOT).contains("SPECIAL ACCESS")) return true;
        for (String line : NotationText.cleanLines(text)) {
            if (RIGHT_LINE.matcher(line).matches() && AccessRight.byName(line).isPresent()) return true;
            if (CACLS_ONLY_RIGHT.matcher(line).matches()) return true;
        }
        return false;
    }

    public static List<Ace> parse(String text) {
        if (text == null || text.isBlank()) throw new SecurityFormatException("empty cacls listing");
        var aces = new ArrayList<Ace>();
        List<String> lines = NotationText.cleanLines(text);
        Pending pending = null;
        boolean first = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int lineNo = n + 1;
            if (line.isEmpty()) continue;
            if (RIGHT_LINE.matcher(line).matches() && !line.contains(":")) {
                if (pending == null) {
                    throw new SecurityFormatException("cacls line " + lineNo + ": '" + line
                            + "' is a right, but no principal line ending in (special access:) comes before it");
                }
                pending.rights().add(right(line, lineNo));
                continue;
            }
            if (pending != null) aces.add(pending.finish());
            pending = null;
            if (first) {
                try {
                    line = NotationText.stripPathPrefix(line);
                } catch (SecurityFormatException e) {
                    throw new SecurityFormatException("cacls line " + lineNo + ": " + e.getMessage());
                }
                first = false;
            }
            var parsed = principalLine(line, lineNo);
            if (parsed.ace != null) aces.add(parsed.ace);
            else pending = parsed.pending;
        }
        if (pending != null) aces.add(pending.finish());
        if (aces.isEmpty()) throw new SecurityFormatException("cacls listing has no entries");
        return aces;
    }

    private static int right(String line, int lineNo) {
        if (line.regionMatches(true, 0, "0x", 0, 2)) return (int) Long.parseLong(line.substring(2), 16);
        return AccessRight.byName(line).map(AccessRight::mask).orElseThrow(() -> new SecurityFormatException("cacls line " + lineNo
                + ": '" + line + "' is not a right name; use DELETE, READ_CONTROL, WRITE_DAC, WRITE_OWNER, SYNCHRONIZE, "
                + "FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_READ_DATA, FILE_WRITE_DATA, FILE_APPEND_DATA, "
                + "FILE_READ_EA, FILE_WRITE_EA, FILE_EXECUTE, FILE_DELETE_CHILD, FILE_READ_ATTRIBUTES, FILE_WRITE_ATTRIBUTES or GENERIC_*"));
    }

    /** A principal line ending in {@code (special access:)}, and the masks of the right lines read after it so far. */
    private record Pending(Sid sid, int flags, boolean deny, int lineNo, String principalText, List<Integer> rights) {
        Ace finish() {
            if (rights.isEmpty()) {
                throw new SecurityFormatException("cacls line " + lineNo + ": '" + principalText
                        + "' says (special access:) but no right lines follow; list one right per line, e.g. READ_CONTROL");
            }
            int mask = 0;
            for (int right : rights) mask |= right;
            return deny ? Ace.deny(sid, mask, flags) : Ace.allow(sid, mask, flags);
        }
    }

    private record Parsed(Ace ace, Pending pending) {
    }

    private static Parsed principalLine(String line, int lineNo) {
        String upper = line.toUpperCase(Locale.ROOT);
        int colon = accountEnd(line);
        if (colon < 0) {
            throw new SecurityFormatException("cacls line " + lineNo + ": '" + line + "' is neither a right nor ACCOUNT:(OI)(CI)F");
        }
        Sid sid;
        try {
            sid = Principals.resolve(line.substring(0, colon));
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException("cacls line " + lineNo + ": " + e.getMessage());
        }
        int flags = 0;
        boolean deny = false;
        int i = colon + 1;
        while (i < line.length() && line.charAt(i) == '(') {
            if (upper.startsWith(SPECIAL, i)) {
                if (i + SPECIAL.length() != line.strip().length()) {
                    throw new SecurityFormatException("cacls line " + lineNo + ": nothing may follow (special access:); put each right on its own line");
                }
                return new Parsed(null, new Pending(sid, flags, deny, lineNo, line, new ArrayList<>()));
            }
            int close = line.indexOf(')', i);
            if (close < 0) throw new SecurityFormatException("cacls line " + lineNo + ": '" + line.substring(i) + "' has no closing ')'");
            String group = upper.substring(i + 1, close).strip();
            switch (group) {
                case "OI" -> flags |= AceFlag.OBJECT_INHERIT.bit();
                case "CI" -> flags |= AceFlag.CONTAINER_INHERIT.bit();
                case "IO" -> flags |= AceFlag.INHERIT_ONLY.bit();
                case "NP" -> flags |= AceFlag.NO_PROPAGATE_INHERIT.bit();
                case "ID", "I" -> flags |= AceFlag.INHERITED.bit();
                case "DENY" -> deny = true;
                default -> throw new SecurityFormatException("cacls line " + lineNo + ": unknown flag '(" + group
                        + ")'; use (OI) (CI) (IO) (NP) (ID) (DENY) or (special access:)");
            }
            i = close + 1;
        }
        String simple = line.substring(i).strip();
        if (simple.equalsIgnoreCase("N")) return new Parsed(Ace.deny(sid, AccessRight.FILE_ALL_ACCESS, flags), null);
        Integer mask = simpleRight(simple);
        if (mask == null) {
            throw new SecurityFormatException("cacls line " + lineNo + ": '" + (simple.isEmpty() ? line : simple)
                    + "' is not a cacls right; end the line with F, C, R, W, N or (special access:)");
        }
        return new Parsed(deny ? Ace.deny(sid, mask, flags) : Ace.allow(sid, mask, flags), null);
    }

    /** The ':' that ends the account: the first one followed by '(' or by a right letter and the end of the line. */
    private static int accountEnd(String line) {
        for (int c = line.indexOf(':'); c >= 0; c = line.indexOf(':', c + 1)) {
            String after = line.substring(c + 1).strip();
            if (after.startsWith("(") || after.matches("(?i)[FCRWN]")) return c;
        }
        return -1;
    }

    // ------------------------------------------------------------------ format

    /** The listing, one principal line per ACE and, for special access, one indented right per line. */
    public static String format(List<Ace> aces) {
        var sb = new StringBuilder();
        for (Ace ace : aces) {
            if (!ace.type().isDaclType() || ace.type().layout() != AceType.Layout.BASIC) {
                throw new SecurityFormatException("cacls cannot show a " + ace.type() + " ACE; use sddl or json");
            }
            sb.append(Principals.displayName(ace.sid())).append(':');
            sb.append(flagsText(ace.flags()));
            String simple = simpleFor(ace);
            if (simple != null) {
                sb.append(simple).append('\n');
                continue;
            }
            if (ace.type().isDeny()) sb.append("(DENY)");
            sb.append("(special access:)\n");
            int named = 0;
            for (AccessRight r : AccessMask.containedRights(ace.mask())) {
                sb.append("    ").append(r.name()).append('\n');
                named |= r.mask();
            }
            if ((ace.mask() & ~named) != 0 || ace.mask() == 0) {
                sb.append("    0x").append(Integer.toHexString(ace.mask() & ~named)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String flagsText(int flags) {
        var sb = new StringBuilder();
        if (AceFlag.OBJECT_INHERIT.in(flags)) sb.append("(OI)");
        if (AceFlag.CONTAINER_INHERIT.in(flags)) sb.append("(CI)");
        if (AceFlag.INHERIT_ONLY.in(flags)) sb.append("(IO)");
        if (AceFlag.NO_PROPAGATE_INHERIT.in(flags)) sb.append("(NP)");
        if (AceFlag.INHERITED.in(flags)) sb.append("(ID)");
        return sb.toString();
    }

    private static String simpleFor(Ace ace) {
        if (ace.type().isDeny()) return ace.mask() == AccessRight.FILE_ALL_ACCESS ? "N" : null;
        for (String s : List.of("F", "C", "R", "W")) if (simpleRight(s) == ace.mask()) return s;
        return null;
    }
}
