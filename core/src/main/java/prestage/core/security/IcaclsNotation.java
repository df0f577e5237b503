package prestage.core.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * icacls' notations. Grant notation is what {@code icacls /grant} takes: {@code *S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S)},
 * {@code *S-1-5-18:(OI)(CI)F}; display notation is what icacls prints: {@code NT AUTHORITY\SYSTEM:(I)(OI)(CI)(F)},
 * {@code (R,AD)}. Parsing accepts both (entries separated by blanks, commas, semicolons or lines, a leading
 * path as icacls prints it, {@code (DENY)}); formatting writes either.
 */
public final class IcaclsNotation {
    /** icacls' simple rights, largest first: the display form names the largest that fit, then the leftover bits. */
    private static final Map<String, Integer> SIMPLE = new LinkedHashMap<>();

    static {
        SIMPLE.put("F", AccessRight.FILE_ALL_ACCESS);
        SIMPLE.put("M", 0x0013_01BF);
        SIMPLE.put("RX", 0x0012_00A9);
        SIMPLE.put("R", 0x0012_0089);
        SIMPLE.put("W", 0x0010_0116);
        SIMPLE.put("D", 0x0011_0000);
    }

    /** Order in which specific rights are listed: file bits, standard, generic, the rest. */
    private static final List<AccessRight> LISTING_ORDER = List.of(
            AccessRight.FILE_READ_DATA, AccessRight.FILE_WRITE_DATA, AccessRight.FILE_APPEND_DATA, AccessRight.FILE_READ_EA,
            AccessRight.FILE_WRITE_EA, AccessRight.FILE_EXECUTE, AccessRight.FILE_DELETE_CHILD, AccessRight.FILE_READ_ATTRIBUTES,
            AccessRight.FILE_WRITE_ATTRIBUTES, AccessRight.DELETE, AccessRight.READ_CONTROL, AccessRight.WRITE_DAC,
            AccessRight.WRITE_OWNER, AccessRight.SYNCHRONIZE, AccessRight.GENERIC_READ, AccessRight.GENERIC_WRITE,
            AccessRight.GENERIC_EXECUTE, AccessRight.GENERIC_ALL, AccessRight.ACCESS_SYSTEM_SECURITY, AccessRight.MAXIMUM_ALLOWED);

    private IcaclsNotation() {
    }

    /** The mask of a simple right ({@code F M RX R W D}). */
    public static Integer simpleRight(String name) {
        return SIMPLE.get(name.toUpperCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ parse

    /** The ACEs the entries in {@code text} stand for, in the order given. */
    public static List<Ace> parse(String text) {
        if (text == null || text.isBlank()) throw new SecurityFormatException("empty icacls ACL: give entries such as *S-1-5-18:(OI)(CI)F");
        var aces = new ArrayList<Ace>();
        List<String> lines = NotationText.cleanLines(text);
        int entry = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isEmpty() || line.regionMatches(true, 0, "Successfully processed", 0, 22)) continue;
            String where = lines.size() > 1 ? "line " + (n + 1) + ": " : "";
            try {
                line = NotationText.stripPathPrefix(line);
            } catch (SecurityFormatException e) {
                throw new SecurityFormatException("icacls " + where + e.getMessage());
            }
            var parser = new LineParser(line, where, entry);
            aces.addAll(parser.parseEntries());
            entry = parser.entry;
        }
        if (aces.isEmpty()) throw new SecurityFormatException("icacls ACL has no entries: give entries such as *S-1-5-18:(OI)(CI)F");
        return aces;
    }

    private static final class LineParser {
        private final String s;
        private final String where;
        private int entry;
        private int i;

        LineParser(String line, String where, int entry) {
            this.s = line;
            this.where = where;
            this.entry = entry;
        }

        List<Ace> parseEntries() {
            var out = new ArrayList<Ace>();
            skipSeparators();
            while (i < s.length()) {
                entry++;
                out.add(parseEntry());
                int before = i;
                skipSeparators();
                if (i < s.length() && i == before) {
                    throw error("entry " + entry + " is followed by '" + rest() + "'; separate entries with a blank or a comma");
                }
            }
            return out;
        }

        private void skipSeparators() {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',' || s.charAt(i) == ';')) i++;
        }

        private Ace parseEntry() {
            int start = i;
            int colon = s.indexOf(':', i);
            if (colon < 0) throw error("entry " + entry + " '" + rest() + "' has no ':'; write ACCOUNT:(OI)(CI)RIGHTS");
            String principal = s.substring(start, colon);
            Sid sid;
            try {
                sid = Principals.resolve(principal);
            } catch (SecurityFormatException e) {
                throw error("entry " + entry + ": " + e.getMessage());
            }
            i = colon + 1;
            int flags = 0;
            int mask = 0;
            boolean deny = false;
            boolean rights = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '(') {
                    int close = s.indexOf(')', i);
                    if (close < 0) throw error("entry " + entry + ": '" + rest() + "' has no closing ')'");
                    String group = s.substring(i + 1, close).strip().toUpperCase(Locale.ROOT);
                    var flag = group.equals("ID") ? java.util.Optional.of(AceFlag.INHERITED) : AceFlag.byIcacls(group);
                    if (flag.isPresent()) {
                        flags |= flag.get().bit();
                    } else if (group.equals("DENY")) {
                        deny = true;
                    } else {
                        mask |= rightsList(group, s.substring(start, close + 1));
                        rights = true;
                    }
                    i = close + 1;
                } else if (Character.isLetter(c)) {
                    int end = i;
                    while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
                    String simple = s.substring(i, end);
                    Integer bits = simpleRight(simple);
                    if (bits == null) {
                        throw error("entry " + entry + ": unknown right '" + simple + "'; use F, M, RX, R, W, D or a list such as (RD,AD,REA,RA,RC,S)");
                    }
                    mask |= bits;
                    rights = true;
                    i = end;
                    break;
                } else {
                    break;
                }
            }
            if (!rights) {
                throw error("entry " + entry + " '" + s.substring(start, i) + "' grants no rights; end it with F, M, RX, R, W, D or a list such as (RD,AD)");
            }
            return deny ? Ace.deny(sid, mask, flags) : Ace.allow(sid, mask, flags);
        }

        private int rightsList(String group, String entryText) {
            int mask = 0;
            for (String token : group.split(",", -1)) {
                String t = token.strip();
                Integer simple = simpleRight(t);
                if (simple != null) {
                    mask |= simple;
                } else if (t.startsWith("0X") && t.length() > 2 && t.length() <= 10 && t.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    mask |= (int) Long.parseLong(t.substring(2), 16);
                } else {
                    AccessRight r = AccessRight.byIcacls(t).orElseThrow(() -> error("entry " + entry + " '" + entryText
                            + "': unknown right '" + t + "'; use RD WD AD REA WEA X DC RA WA DE RC WDAC WO S AS MA GR GW GE GA or F M RX R W D"));
                    mask |= r.mask();
                }
            }
            return mask;
        }

        private String rest() {
            String r = s.substring(i);
            return r.length() > 40 ? r.substring(0, 40) + "..." : r;
        }

        private SecurityFormatException error(String message) {
            return new SecurityFormatException("icacls " + where + message);
        }
    }

    // ------------------------------------------------------------------ format

    /** Display notation, as icacls prints an ACE: {@code NT AUTHORITY\Authenticated Users:(OI)(CI)(R,AD)}. */
    public static String display(Ace ace) {
        return Principals.displayName(ace.sid()) + ":" + AceFlag.icaclsText(ace.flags())
                + (ace.type().isDeny() ? "(DENY)" : "") + "(" + displayRights(ace.mask()) + ")";
    }

    /** {@code R,AD}: the largest simple rights that fit, then the remaining bits by abbreviation. */
    public static String displayRights(int mask) {
        for (var e : SIMPLE.entrySet()) if (e.getValue() == mask) return e.getKey();
        var parts = new ArrayList<String>();
        int covered = 0;
        for (var e : SIMPLE.entrySet()) {
            int bits = e.getValue();
            if ((mask & bits) == bits && (bits & ~covered) != 0) {
                parts.add(e.getKey());
                covered |= bits;
            }
        }
        appendSpecific(parts, mask & ~covered);
        return String.join(",", parts);
    }

    /** Grant notation, as {@code icacls /grant} takes it: {@code *S-1-5-11:(OI)(CI)(RD,AD,REA,RA,RC,S)}. */
    public static String grant(Ace ace) {
        String rights = ace.mask() == AccessRight.FILE_ALL_ACCESS ? "F" : "(" + specificRights(ace.mask()) + ")";
        return "*" + ace.sid() + ":" + AceFlag.icaclsText(ace.flags()) + (ace.type().isDeny() ? "(DENY)" : "") + rights;
    }

    /** Every bit of {@code mask} by abbreviation: {@code RD,AD,REA,RA,RC,S}. */
    public static String specificRights(int mask) {
        var parts = new ArrayList<String>();
        appendSpecific(parts, mask);
        return String.join(",", parts);
    }

    private static void appendSpecific(List<String> parts, int bits) {
        int left = bits;
        for (AccessRight r : LISTING_ORDER) {
            if (r.in(left)) {
                parts.add(r.icacls().orElseThrow());
                left &= ~r.mask();
            }
        }
        if (left != 0 || parts.isEmpty()) parts.add("0x" + Integer.toHexString(left));
    }
}
