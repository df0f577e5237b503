package prestage.core.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Every named file access right, with the abbreviations each notation uses. Declaration order is the
 * order {@code cacls} lists them under {@code (special access:)}: generic, standard, the file composites,
 * then the specific rights.
 */
public enum AccessRight {
    GENERIC_READ(0x8000_0000, Kind.GENERIC, "GR", "GR"),
    GENERIC_WRITE(0x4000_0000, Kind.GENERIC, "GW", "GW"),
    GENERIC_EXECUTE(0x2000_0000, Kind.GENERIC, "GE", "GX"),
    GENERIC_ALL(0x1000_0000, Kind.GENERIC, "GA", "GA"),
    MAXIMUM_ALLOWED(0x0200_0000, Kind.GENERIC, "MA", null),
    ACCESS_SYSTEM_SECURITY(0x0100_0000, Kind.STANDARD, "AS", null),
    DELETE(0x0001_0000, Kind.STANDARD, "DE", "SD"),
    READ_CONTROL(0x0002_0000, Kind.STANDARD, "RC", "RC"),
    WRITE_DAC(0x0004_0000, Kind.STANDARD, "WDAC", "WD"),
    WRITE_OWNER(0x0008_0000, Kind.STANDARD, "WO", "WO"),
    SYNCHRONIZE(0x0010_0000, Kind.STANDARD, "S", null),
    FILE_GENERIC_READ(0x0012_0089, Kind.COMPOSITE, null, "FR"),
    FILE_GENERIC_WRITE(0x0012_0116, Kind.COMPOSITE, null, "FW"),
    FILE_GENERIC_EXECUTE(0x0012_00A0, Kind.COMPOSITE, null, "FX"),
    FILE_READ_DATA(0x0001, Kind.SPECIFIC, "RD", "CC"),
    FILE_WRITE_DATA(0x0002, Kind.SPECIFIC, "WD", "DC"),
    FILE_APPEND_DATA(0x0004, Kind.SPECIFIC, "AD", "LC"),
    FILE_READ_EA(0x0008, Kind.SPECIFIC, "REA", "SW"),
    FILE_WRITE_EA(0x0010, Kind.SPECIFIC, "WEA", "RP"),
    FILE_EXECUTE(0x0020, Kind.SPECIFIC, "X", "WP"),
    FILE_DELETE_CHILD(0x0040, Kind.SPECIFIC, "DC", "DT"),
    FILE_READ_ATTRIBUTES(0x0080, Kind.SPECIFIC, "RA", "LO"),
    FILE_WRITE_ATTRIBUTES(0x0100, Kind.SPECIFIC, "WA", "CR");

    /** FILE_ALL_ACCESS: STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF. */
    public static final int FILE_ALL_ACCESS = 0x001F_01FF;

    public enum Kind { GENERIC, STANDARD, COMPOSITE, SPECIFIC }

    private final Notation notation;
    private final Kind kind;

    AccessRight(int mask, Kind kind, String icacls, String sddl) {
        this.notation = new Notation(mask, sddl, icacls);
        this.kind = kind;
    }

    public int mask() {
        return notation.value();
    }

    public Kind kind() {
        return kind;
    }

    /** The icacls abbreviation ({@code RD}, {@code WDAC}, {@code S}), if icacls has one. */
    public Optional<String> icacls() {
        return Optional.ofNullable(notation.icacls());
    }

    /** The SDDL alias; for the nine specific rights these are the directory-service letters Windows prints for them. */
    public Optional<String> sddl() {
        return Optional.ofNullable(notation.sddl());
    }

    /** True when every bit of this right is in {@code mask}. */
    public boolean in(int mask) {
        return (mask() & mask) == mask();
    }

    /** By constant name ({@code FILE_READ_DATA}) or one of the names Windows headers give the same bit. */
    public static Optional<AccessRight> byName(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (AccessRight r : values()) if (r.name().equals(n)) return Optional.of(r);
        return Optional.ofNullable(switch (n) {
            case "FILE_LIST_DIRECTORY" -> FILE_READ_DATA;
            case "FILE_ADD_FILE" -> FILE_WRITE_DATA;
            case "FILE_ADD_SUBDIRECTORY", "FILE_CREATE_PIPE_INSTANCE" -> FILE_APPEND_DATA;
            case "FILE_TRAVERSE" -> FILE_EXECUTE;
            default -> null;
        });
    }

    public static Optional<AccessRight> byIcacls(String abbreviation) {
        String a = abbreviation.strip().toUpperCase(Locale.ROOT);
        return Notation.find(values(), r -> r.notation.icacls(), a);
    }
}
