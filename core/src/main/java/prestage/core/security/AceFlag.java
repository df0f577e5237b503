package prestage.core.security;

import java.util.List;
import java.util.Optional;

/** ACE flags (MS-DTYP 2.4.4.1) with their SDDL and icacls spellings. */
public enum AceFlag {
    OBJECT_INHERIT(0x01, "OI", "OI"),
    CONTAINER_INHERIT(0x02, "CI", "CI"),
    NO_PROPAGATE_INHERIT(0x04, "NP", "NP"),
    INHERIT_ONLY(0x08, "IO", "IO"),
    INHERITED(0x10, "ID", "I"),
    CRITICAL(0x20, "CR", null),
    SUCCESSFUL_ACCESS(0x40, "SA", null),
    FAILED_ACCESS(0x80, "FA", null);

    /** The flags that steer inheritance (OI CI NP IO); INHERITED is about where an ACE came from. */
    public static final int INHERITANCE_MASK = 0x0F;

    private final Notation notation;

    AceFlag(int bit, String sddl, String icacls) {
        this.notation = new Notation(bit, sddl, icacls);
    }

    public int bit() {
        return notation.value();
    }

    public String sddl() {
        return notation.sddl();
    }

    public Optional<String> icacls() {
        return Optional.ofNullable(notation.icacls());
    }

    public boolean in(int flags) {
        return (flags & bit()) != 0;
    }

    public static List<AceFlag> of(int flags) {
        return Notation.all(values(), f -> f.in(flags));
    }

    public static Optional<AceFlag> bySddl(String code) {
        return Notation.find(values(), f -> f.notation.sddl(), code);
    }

    public static Optional<AceFlag> byIcacls(String code) {
        return Notation.find(values(), f -> f.notation.icacls(), code);
    }

    /** {@code (OI)(CI)} in icacls' order: inherited first, then the inheritance flags. */
    public static String icaclsText(int flags) {
        var sb = new StringBuilder();
        if (INHERITED.in(flags)) sb.append("(I)");
        for (AceFlag f : List.of(OBJECT_INHERIT, CONTAINER_INHERIT, INHERIT_ONLY, NO_PROPAGATE_INHERIT)) {
            if (f.in(flags)) sb.append('(').append(f.notation.icacls()).append(')');
        }
        return sb.toString();
    }
}
