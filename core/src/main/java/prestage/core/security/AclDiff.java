package prestage.core.security;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How a descriptor differs from an expectation, entry by entry. Explicit ACEs are compared as the access they
 * grant: their order within a kind, the ACL revision and the byte layout do not matter, two ACEs for the same
 * trustee and flags count as one with both masks, and generic rights count as the file rights they map to.
 * Inherited ACEs are compared only when the expectation lists them; a DACL out of canonical order is a difference.
 */
public record AclDiff(List<Change> changes) {

    public enum Kind { MISSING, NULL_DACL, PROTECTION, OWNER, GROUP, ADDED, REMOVED, CHANGED, ORDER }

    /**
     * @param inherited whether the change is about an inherited ACE
     * @param line      {@code + ...}, {@code - ...} or {@code ~ ...}, for people
     */
    public record Change(Kind kind, boolean inherited, String line) {
    }

    public AclDiff {
        changes = List.copyOf(changes);
    }

    public boolean inDesiredState() {
        return changes.isEmpty();
    }

    public List<String> lines() {
        return changes.stream().map(Change::line).toList();
    }

    /** Compares {@code current} (null when nothing is stored) with {@code want}. */
    public static AclDiff between(SecurityDescriptor current, AclExpectation want) {
        var out = new ArrayList<Change>();
        List<Ace> curExplicit = List.of();
        List<Ace> curInherited = List.of();
        boolean curProtected = false;
        if (current == null) {
            out.add(new Change(Kind.MISSING, false, "+ NT security descriptor (none is stored yet)"));
        } else {
            curProtected = current.isDaclProtected();
            if (current.hasNullDacl()) {
                out.add(new Change(Kind.NULL_DACL, false, "~ DACL: NULL (everyone has full access) -> an ACL"));
            } else if (current.dacl() == null) {
                out.add(new Change(Kind.NULL_DACL, false, "~ DACL: none -> an ACL"));
            } else {
                curExplicit = current.dacl().explicitAces();
                curInherited = current.dacl().inheritedAces();
                CanonicalOrder.problem(current.dacl()).ifPresent(p -> out.add(new Change(Kind.ORDER, false, "~ order: " + p)));
            }
        }
        if (want.protect() != null && (current == null ? want.protect() : want.protect() != curProtected)) {
            out.add(new Change(Kind.PROTECTION, false, "~ protected: " + yesNo(curProtected) + " -> " + yesNo(want.protect())
                    + (want.protect() ? " (inheritance from the parent is cut)" : " (the parent's inheritable ACEs apply)")));
        }
        if (want.owner() != null && (current == null || !want.owner().equals(current.owner()))) {
            out.add(new Change(Kind.OWNER, false, "~ owner: " + name(current == null ? null : current.owner()) + " -> " + name(want.owner())));
        }
        if (want.group() != null && (current == null || !want.group().equals(current.group()))) {
            out.add(new Change(Kind.GROUP, false, "~ group: " + name(current == null ? null : current.group()) + " -> " + name(want.group())));
        }
        compareExplicit(curExplicit, want.explicitAces(), out);
        if (want.inheritedAces() != null) compareInherited(curInherited, want.inheritedAces(), out);
        return new AclDiff(out);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String name(Sid sid) {
        return sid == null ? "(none)" : Principals.displayName(sid);
    }

    /** What makes two explicit ACEs the same entry; the mask is what they then grant together. */
    private record Key(AceType type, Sid sid, int flags, UUID objectType, UUID inheritedObjectType, String data) {
        static Key of(Ace a) {
            return new Key(a.type(), a.sid(), a.flags() & ~AceFlag.INHERITED.bit(), a.objectType(), a.inheritedObjectType(),
                    HexFormat.of().formatHex(a.applicationData()));
        }

        Ace ace(int mask) {
            byte[] bytes = HexFormat.of().parseHex(data);
            return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, bytes);
        }
    }

    private static Map<Key, Integer> merged(List<Ace> aces) {
        var m = new LinkedHashMap<Key, Integer>();
        for (Ace a : aces) m.merge(Key.of(a), AccessMask.mapGeneric(a.mask()), (x, y) -> x | y);
        return m;
    }

    private static void compareExplicit(List<Ace> current, List<Ace> wanted, List<Change> out) {
        Map<Key, Integer> cur = merged(current);
        Map<Key, Integer> want = merged(wanted);
        var removed = new LinkedHashMap<Key, Integer>();
        var added = new LinkedHashMap<Key, Integer>();
        for (var e : cur.entrySet()) {
            Integer w = want.get(e.getKey());
            if (w == null) removed.put(e.getKey(), e.getValue());
            else if (!w.equals(e.getValue())) out.add(new Change(Kind.CHANGED, false, "~ " + trustee(e.getKey()) + ": mask "
                    + maskChange(e.getValue(), w)));
        }
        for (var e : want.entrySet()) if (!cur.containsKey(e.getKey())) added.put(e.getKey(), e.getValue());
        // a single entry for one trustee whose flags changed reads better as a change than as remove + add
        for (var r : new ArrayList<>(removed.entrySet())) {
            Key rk = r.getKey();
            var sameTrustee = added.keySet().stream().filter(k -> sameTrustee(k, rk)).toList();
            long removedForTrustee = removed.keySet().stream().filter(k -> sameTrustee(k, rk)).count();
            if (sameTrustee.size() == 1 && removedForTrustee == 1) {
                Key ak = sameTrustee.get(0);
                int oldMask = r.getValue();
                int newMask = added.get(ak);
                String kind = describeKind(ak.type()) + " " + Principals.displayName(ak.sid());
                String line = "~ " + kind + ": flags " + flagsText(rk.flags()) + " -> " + flagsText(ak.flags())
                        + (oldMask == newMask ? ", mask " + AccessMask.hex(newMask) : ", mask " + maskChange(oldMask, newMask));
                out.add(new Change(Kind.CHANGED, false, line));
                removed.remove(rk);
                added.remove(ak);
            }
        }
        removed.forEach((k, m) -> out.add(new Change(Kind.REMOVED, false, "- " + describe(k.ace(m)))));
        added.forEach((k, m) -> out.add(new Change(Kind.ADDED, false, "+ " + describe(k.ace(m)))));
    }

    private static boolean sameTrustee(Key a, Key b) {
        return a.type() == b.type() && a.sid().equals(b.sid()) && Objects.equals(a.objectType(), b.objectType())
                && Objects.equals(a.inheritedObjectType(), b.inheritedObjectType());
    }

    private static void compareInherited(List<Ace> current, List<Ace> wanted, List<Change> out) {
        var left = new ArrayList<>(wanted.stream().map(AclDiff::normalized).toList());
        var extra = new ArrayList<Ace>();
        for (Ace a : current) {
            if (!left.remove(normalized(a))) extra.add(a);
        }
        extra.forEach(a -> out.add(new Change(Kind.REMOVED, true, "- inherited " + describe(a))));
        left.forEach(a -> out.add(new Change(Kind.ADDED, true, "+ inherited " + describe(a))));
    }

    private static Ace normalized(Ace a) {
        return a.withMask(a.isInheritOnly() ? a.mask() : AccessMask.mapGeneric(a.mask()));
    }

    /** {@code allow NT AUTHORITY\SYSTEM (OI)(CI) 0x001f01ff}. */
    public static String describe(Ace ace) {
        String flags = flagsText(ace.flags() & ~AceFlag.INHERITED.bit());
        return describeKind(ace.type()) + " " + Principals.displayName(ace.sid()) + (flags.equals("(none)") ? "" : " " + flags) + " " + AccessMask.hex(ace.mask());
    }

    private static String trustee(Key k) {
        String flags = flagsText(k.flags());
        return describeKind(k.type()) + " " + Principals.displayName(k.sid()) + (flags.equals("(none)") ? "" : " " + flags);
    }

    private static String describeKind(AceType type) {
        return switch (type) {
            case ACCESS_ALLOWED -> "allow";
            case ACCESS_DENIED -> "deny";
            default -> type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String flagsText(int flags) {
        String s = AceFlag.icaclsText(flags);
        return s.isEmpty() ? "(none)" : s;
    }

    /** {@code 0x001200a9 -> 0x0012008d (+FILE_APPEND_DATA -FILE_EXECUTE)}: every bit that moved, by name. */
    static String maskChange(int from, int to) {
        var parts = new ArrayList<String>();
        for (String n : AccessMask.bitNames(to & ~from)) parts.add("+" + n);
        for (String n : AccessMask.bitNames(from & ~to)) parts.add("-" + n);
        return AccessMask.hex(from) + " -> " + AccessMask.hex(to) + " (" + String.join(" ", parts) + ")";
    }

    @Override
    public String toString() {
        return String.join("\n", lines()) + (changes.isEmpty() ? "in desired state" : "");
    }
}
