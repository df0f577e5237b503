package prestage.core.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Security Descriptor Definition Language, both ways: {@code O:BAG:SYD:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)}.
 * Output follows Windows: an exact composite alias (FA FR FW FX), else two-letter aliases when they name
 * every bit, else hex. Input also takes the registry, generic and label aliases, hex and decimal masks,
 * and whitespace anywhere (it is dropped). Conditional and resource-attribute ACEs are not supported.
 */
public final class Sddl {
    private static final Map<String, Integer> COMPOSITE_RIGHTS = new LinkedHashMap<>();
    private static final Map<String, Integer> SINGLE_RIGHTS = new LinkedHashMap<>();

    static {
        COMPOSITE_RIGHTS.put("FA", AccessRight.FILE_ALL_ACCESS);
        COMPOSITE_RIGHTS.put("FR", AccessRight.FILE_GENERIC_READ.mask());
        COMPOSITE_RIGHTS.put("FW", AccessRight.FILE_GENERIC_WRITE.mask());
        COMPOSITE_RIGHTS.put("FX", AccessRight.FILE_GENERIC_EXECUTE.mask());
        COMPOSITE_RIGHTS.put("KA", 0x000F_003F);
        COMPOSITE_RIGHTS.put("KR", 0x0002_0019);
        COMPOSITE_RIGHTS.put("KW", 0x0002_0006);
        COMPOSITE_RIGHTS.put("KX", 0x0002_0019);
        for (String s : List.of("GA", "GR", "GW", "GX")) SINGLE_RIGHTS.put(s, rightBySddl(s));
        for (String s : List.of("CC", "DC", "LC", "SW", "RP", "WP", "DT", "LO", "CR", "SD", "RC", "WD", "WO")) {
            SINGLE_RIGHTS.put(s, rightBySddl(s));
        }
        // mandatory label policy bits
        SINGLE_RIGHTS.put("NW", 0x1);
        SINGLE_RIGHTS.put("NR", 0x2);
        SINGLE_RIGHTS.put("NX", 0x4);
    }

    private Sddl() {
    }

    private static int rightBySddl(String alias) {
        for (AccessRight r : AccessRight.values()) if (r.sddl().filter(alias::equals).isPresent()) return r.mask();
        throw new IllegalStateException(alias);
    }

    /** True when {@code text} starts like SDDL ({@code O:}, {@code G:}, {@code D:} or {@code S:}). */
    public static boolean looksLike(String text) {
        String t = text.strip();
        // "D:\Images NT AUTHORITY\SYSTEM:F" is a path in a cacls or icacls listing, not SDDL
        return t.length() >= 2 && "OGDS".indexOf(Character.toUpperCase(t.charAt(0))) >= 0 && t.charAt(1) == ':'
                && !(t.length() > 2 && (t.charAt(2) == '\\' || t.charAt(2) == '/'));
    }

    // ------------------------------------------------------------------ format

    public static String format(SecurityDescriptor sd) {
        var sb = new StringBuilder();
        if (sd.owner() != null) sb.append("O:").append(sid(sd.owner()));
        if (sd.group() != null) sb.append("G:").append(sid(sd.group()));
        if (sd.has(ControlFlag.DACL_PRESENT)) {
            sb.append("D:");
            appendAclFlags(sb, sd.control(), ControlFlag.DACL_PROTECTED, ControlFlag.DACL_AUTO_INHERIT_REQ, ControlFlag.DACL_AUTO_INHERITED);
            appendAces(sb, sd.dacl());
        }
        if (sd.has(ControlFlag.SACL_PRESENT)) {
            sb.append("S:");
            appendAclFlags(sb, sd.control(), ControlFlag.SACL_PROTECTED, ControlFlag.SACL_AUTO_INHERIT_REQ, ControlFlag.SACL_AUTO_INHERITED);
            appendAces(sb, sd.sacl());
        }
        return sb.toString();
    }

    private static void appendAclFlags(StringBuilder sb, int control, ControlFlag p, ControlFlag ar, ControlFlag ai) {
        if (p.in(control)) sb.append('P');
        if (ar.in(control)) sb.append("AR");
        if (ai.in(control)) sb.append("AI");
    }

    private static void appendAces(StringBuilder sb, Acl acl) {
        if (acl == null) {
            sb.append("NO_ACCESS_CONTROL");
            return;
        }
        for (Ace ace : acl.aces()) sb.append(formatAce(ace));
    }

    /** One ACE: {@code (A;OICI;FA;;;SY)}. */
    public static String formatAce(Ace ace) {
        String type = ace.type().sddl().orElseThrow(() -> new SecurityFormatException(
                "ACE type " + ace.type() + " has no SDDL form; show it as json instead"));
        if (ace.applicationData().length > 0) {
            throw new SecurityFormatException("a " + ace.type() + " ACE carries a condition or attribute that this SDDL writer does not render; show it as json instead");
        }
        var sb = new StringBuilder("(").append(type).append(';');
        int known = 0;
        for (AceFlag f : AceFlag.values()) {
            if (f.in(ace.flags())) {
                sb.append(f.sddl());
                known |= f.bit();
            }
        }
        if ((ace.flags() & ~known) != 0) throw new SecurityFormatException("ACE flag bits 0x" + Integer.toHexString(ace.flags() & ~known) + " have no SDDL form");
        sb.append(';').append(rights(ace.mask())).append(';');
        if (ace.objectType() != null) sb.append(ace.objectType());
        sb.append(';');
        if (ace.inheritedObjectType() != null) sb.append(ace.inheritedObjectType());
        sb.append(';').append(sid(ace.sid())).append(')');
        return sb.toString();
    }

    static String rights(int mask) {
        for (var e : COMPOSITE_RIGHTS.entrySet()) {
            if (e.getValue() == mask && !e.getKey().startsWith("K")) return e.getKey();
        }
        if (mask != 0) {
            var sb = new StringBuilder();
            int covered = 0;
            for (var e : SINGLE_RIGHTS.entrySet()) {
                if (e.getKey().startsWith("N")) continue;
                if ((mask & e.getValue()) != 0) {
                    sb.append(e.getKey());
                    covered |= e.getValue();
                }
            }
            if (covered == mask) return sb.toString();
        }
        return "0x" + Integer.toHexString(mask);
    }

    static String sid(Sid sid) {
        return WellKnownSid.bySid(sid).flatMap(WellKnownSid::alias).orElse(sid.toString());
    }

    // ------------------------------------------------------------------ parse

    /** Parses SDDL; every problem is a {@link SecurityFormatException} naming the section or ACE and the token. */
    public static SecurityDescriptor parse(String text) {
        if (text == null || text.isBlank()) throw new SecurityFormatException("empty SDDL: give e.g. D:PAI(A;OICI;FA;;;SY)");
        String s = text.replaceAll("\\s+", "");
        int control = 0;
        Sid owner = null;
        Sid group = null;
        Acl dacl = null;
        Acl sacl = null;
        var seen = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char section = Character.toUpperCase(s.charAt(i));
            if (i + 1 >= s.length() || s.charAt(i + 1) != ':' || "OGDS".indexOf(section) < 0) {
                throw new SecurityFormatException("SDDL: expected O:, G:, D: or S: at '" + excerpt(s, i) + "'");
            }
            if (seen.indexOf(String.valueOf(section)) >= 0) {
                throw new SecurityFormatException("SDDL: section " + section + ": appears twice; give each of O: G: D: S: once");
            }
            seen.append(section);
            int bodyStart = i + 2;
            int bodyEnd = nextSection(s, bodyStart);
            String body = s.substring(bodyStart, bodyEnd);
            switch (section) {
                case 'O' -> owner = parseSid(body, "owner (O:)");
                case 'G' -> group = parseSid(body, "group (G:)");
                case 'D' -> {
                    var parsed = parseAcl(body, true);
                    control |= ControlFlag.DACL_PRESENT.bit() | parsed.control;
                    dacl = parsed.acl;
                }
                default -> {
                    var parsed = parseAcl(body, false);
                    control |= ControlFlag.SACL_PRESENT.bit() | parsed.control;
                    sacl = parsed.acl;
                }
            }
            i = bodyEnd;
        }
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    /** Where the next {@code X:} section starts, skipping anything inside parentheses. */
    private static int nextSection(String s, int from) {
        int depth = 0;
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '(') depth++;
            else if (c == ')') depth = Math.max(0, depth - 1);
            else if (depth == 0 && j + 1 < s.length() && s.charAt(j + 1) == ':' && "OGDSogds".indexOf(c) >= 0) return j;
        }
        return s.length();
    }

    private record ParsedAcl(int control, Acl acl) {
    }

    private static ParsedAcl parseAcl(String body, boolean dacl) {
        String name = dacl ? "D:" : "S:";
        int control = 0;
        int i = 0;
        boolean nullAcl = false;
        while (i < body.length() && body.charAt(i) != '(') {
            String rest = body.substring(i);
            if (rest.startsWith("NO_ACCESS_CONTROL")) {
                nullAcl = true;
                i += "NO_ACCESS_CONTROL".length();
            } else if (rest.startsWith("AR")) {
                control |= (dacl ? ControlFlag.DACL_AUTO_INHERIT_REQ : ControlFlag.SACL_AUTO_INHERIT_REQ).bit();
                i += 2;
            } else if (rest.startsWith("AI")) {
                control |= (dacl ? ControlFlag.DACL_AUTO_INHERITED : ControlFlag.SACL_AUTO_INHERITED).bit();
                i += 2;
            } else if (rest.startsWith("P")) {
                control |= (dacl ? ControlFlag.DACL_PROTECTED : ControlFlag.SACL_PROTECTED).bit();
                i += 1;
            } else {
                throw new SecurityFormatException("SDDL " + name + " unknown ACL flag at '" + excerpt(body, i)
                        + "': use P (protected), AI (auto-inherited), AR (auto-inherit required) or NO_ACCESS_CONTROL");
            }
        }
        var aces = new ArrayList<Ace>();
        int index = 0;
        while (i < body.length()) {
            index++;
            if (body.charAt(i) != '(') {
                throw new SecurityFormatException("SDDL " + name + " expected '(' to start ACE " + index + " at '" + excerpt(body, i) + "'");
            }
            int close = body.indexOf(')', i);
            if (close < 0) {
                throw new SecurityFormatException("SDDL " + name + " ACE " + index + " '" + excerpt(body, i) + "' has no closing ')'");
            }
            aces.add(parseAce(body.substring(i + 1, close), name + " ACE " + index, dacl));
            i = close + 1;
        }
        if (nullAcl && !aces.isEmpty()) {
            throw new SecurityFormatException("SDDL " + name + " NO_ACCESS_CONTROL (a NULL ACL) cannot also list ACEs");
        }
        return new ParsedAcl(control, nullAcl ? null : Acl.of(aces));
    }

    /** Parses the inside of one ACE, {@code A;OICI;FA;;;SY}. */
    public static Ace parseAce(String inside, String where, boolean inDacl) {
        String shown = "(" + inside + ")";
        String[] f = inside.split(";", -1);
        if (f.length != 6) {
            throw new SecurityFormatException("SDDL " + where + " " + shown + " has " + f.length
                    + " fields; an ACE has 6: (type;flags;rights;object guid;inherited object guid;sid)");
        }
        String typeText = f[0].toUpperCase(Locale.ROOT);
        AceType type = AceType.bySddl(typeText).orElseThrow(() -> new SecurityFormatException(
                "SDDL " + where + " " + shown + ": unknown ACE type '" + f[0] + "'; use A (allow) or D (deny)"
                        + (inDacl ? "" : ", or AU (audit) in a SACL")));
        if (SelfRelativeDescriptor.carriesApplicationData(type)) {
            throw new SecurityFormatException("SDDL " + where + " " + shown + ": conditional and attribute ACEs (" + typeText + ") are not supported");
        }
        if (inDacl != type.isDaclType()) {
            throw new SecurityFormatException("SDDL " + where + " " + shown + ": a " + typeText + " ACE belongs in "
                    + (inDacl ? "the SACL (S:)" : "the DACL (D:)"));
        }
        int flags = parseFlags(f[1], where, shown);
        int mask = parseRights(f[2], where, shown);
        UUID objectType = parseGuid(f[3], where, shown);
        UUID inheritedObjectType = parseGuid(f[4], where, shown);
        if (type.layout() == AceType.Layout.BASIC && (objectType != null || inheritedObjectType != null)) {
            throw new SecurityFormatException("SDDL " + where + " " + shown + ": object GUIDs need an object ACE type (OA, OD)");
        }
        Sid sid = parseSid(f[5], where + " " + shown);
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, null);
    }

    private static int parseFlags(String text, String where, String shown) {
        String t = text.toUpperCase(Locale.ROOT);
        int flags = 0;
        for (int i = 0; i < t.length(); i += 2) {
            String code = t.substring(i, Math.min(t.length(), i + 2));
            AceFlag flag = AceFlag.bySddl(code).orElseThrow(() -> new SecurityFormatException("SDDL " + where + " " + shown
                    + ": unknown ACE flag '" + code + "'; use OI CI NP IO ID SA FA"));
            flags |= flag.bit();
        }
        return flags;
    }

    static int parseRights(String text, String where, String shown) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.isEmpty()) throw new SecurityFormatException("SDDL " + where + " " + shown + ": no rights; give e.g. FA, FR or a hex mask such as 0x12008d");
        if (t.startsWith("0X")) {
            String hex = t.substring(2);
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new SecurityFormatException("SDDL " + where + " " + shown + ": '" + text + "' is not a 32-bit hex mask");
            }
            return (int) Long.parseLong(hex, 16);
        }
        if (Character.isDigit(t.charAt(0))) {
            if (t.length() > 10 || !t.chars().allMatch(Character::isDigit) || Long.parseLong(t) > 0xFFFF_FFFFL) {
                throw new SecurityFormatException("SDDL " + where + " " + shown + ": '" + text + "' is not a 32-bit mask");
            }
            return (int) Long.parseLong(t);
        }
        int mask = 0;
        for (int i = 0; i < t.length(); i += 2) {
            String code = t.substring(i, Math.min(t.length(), i + 2));
            Integer bits = COMPOSITE_RIGHTS.get(code);
            if (bits == null) bits = SINGLE_RIGHTS.get(code);
            if (bits == null) {
                throw new SecurityFormatException("SDDL " + where + " " + shown + ": unknown right '" + code
                        + "'; use FA FR FW FX, GA GR GW GX, SD RC WD WO, CC DC LC SW RP WP DT LO CR, or a hex mask such as 0x12008d");
            }
            mask |= bits;
        }
        return mask;
    }

    private static UUID parseGuid(String text, String where, String shown) {
        if (text.isEmpty()) return null;
        try {
            if (!text.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) throw new IllegalArgumentException();
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new SecurityFormatException("SDDL " + where + " " + shown + ": '" + text + "' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
    }

    private static Sid parseSid(String text, String where) {
        if (text.isEmpty()) throw new SecurityFormatException("SDDL " + where + ": missing SID; give an alias such as BA or a SID such as S-1-5-32-544");
        if (text.regionMatches(true, 0, "S-", 0, 2)) {
            try {
                return Sid.parse(text);
            } catch (SecurityFormatException e) {
                throw new SecurityFormatException("SDDL " + where + ": " + e.getMessage());
            }
        }
        return WellKnownSid.byAlias(text.toUpperCase(Locale.ROOT)).map(WellKnownSid::sid).orElseThrow(() -> new SecurityFormatException(
                "SDDL " + where + ": '" + text + "' is not a SID alias known without a domain; write the SID itself (S-1-5-...)"));
    }

    private static String excerpt(String s, int from) {
        String rest = s.substring(from);
        return rest.length() > 24 ? rest.substring(0, 24) + "..." : rest;
    }
}
