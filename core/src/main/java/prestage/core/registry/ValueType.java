package prestage.core.registry;

import java.util.Locale;
import java.util.Optional;

import prestage.core.BadInputException;

/** The registry's value types with their numeric codes (winnt.h). prestage writes the first six. */
public enum ValueType {
    REG_SZ(1, true),
    REG_EXPAND_SZ(2, true),
    REG_DWORD(4, true),
    REG_QWORD(11, true),
    REG_MULTI_SZ(7, true),
    REG_BINARY(3, true),
    REG_NONE(0, false),
    REG_DWORD_BIG_ENDIAN(5, false),
    REG_LINK(6, false),
    REG_RESOURCE_LIST(8, false),
    REG_FULL_RESOURCE_DESCRIPTOR(9, false),
    REG_RESOURCE_REQUIREMENTS_LIST(10, false);

    private final int code;
    private final boolean writable;

    ValueType(int code, boolean writable) {
        this.code = code;
        this.writable = writable;
    }

    public int code() {
        return code;
    }

    public static Optional<ValueType> ofCode(int code) {
        for (ValueType t : values()) {
            if (t.code == code) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** {@code REG_SZ}, or {@code 0x1234} for a type Windows does not name. */
    public static String nameOf(int code) {
        return ofCode(code).map(Enum::name).orElse(String.format("0x%x", code));
    }

    /** {@code --type}: {@code REG_DWORD} or {@code DWORD}, any case; null means REG_SZ, as with reg add. */
    public static ValueType parseWritable(String text) {
        if (text == null || text.isBlank()) return REG_SZ;
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!t.startsWith("REG_")) t = "REG_" + t;
        for (ValueType v : values()) {
            if (v.writable && v.name().equals(t)) return v;
        }
        throw new BadInputException("unknown value type '" + text
                + "': use REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or REG_BINARY");
    }
}
