package prestage.core.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import prestage.core.BadInputException;

/** The predefined keys every registry path starts from, known by their long and short names. */
public enum RootKey {
    HKEY_LOCAL_MACHINE("HKLM"),
    HKEY_CURRENT_USER("HKCU"),
    HKEY_CLASSES_ROOT("HKCR"),
    HKEY_USERS("HKU"),
    HKEY_CURRENT_CONFIG("HKCC");

    private final String shortName;

    RootKey(String shortName) {
        this.shortName = shortName;
    }

    /** {@code HKEY_LOCAL_MACHINE}: what .reg files and {@code reg query} print. */
    public String longName() {
        return name();
    }

    /** {@code HKLM}: what reg.exe and PowerShell users type. */
    public String shortName() {
        return shortName;
    }

    /**
     * Reads a root key the way people write it: {@code HKLM}, {@code HKEY_LOCAL_MACHINE}, PowerShell's
     * {@code HKLM:} and {@code Registry::HKEY_LOCAL_MACHINE}, in any case. The MED-V documentation prints
     * {@code KEY_LOCAL_MACHINE} (its H fell off); that is accepted, with a warning, because admins paste it.
     */
    public static RootKey parse(String text, Consumer<String> warn) {
        String t = text.strip();
        int provider = t.indexOf("::");
        if (provider >= 0 && t.substring(0, provider).toLowerCase(Locale.ROOT).endsWith("registry")) {
            t = t.substring(provider + 2);
        }
        if (t.endsWith(":")) t = t.substring(0, t.length() - 1);
        Optional<RootKey> exact = byName(t);
        if (exact.isPresent()) return exact.get();
        if (t.toUpperCase(Locale.ROOT).startsWith("KEY_")) {
            Optional<RootKey> typo = byName("H" + t);
            if (typo.isPresent()) {
                warn.accept("'" + text + "' read as " + typo.get().longName()
                        + " (the documentation's spelling lacks the leading H)");
                return typo.get();
            }
        }
        throw new BadInputException("unknown registry root key '" + text + "': use HKLM (HKEY_LOCAL_MACHINE), "
                + "HKCU (HKEY_CURRENT_USER), HKCR, HKU or HKCC");
    }

    private static Optional<RootKey> byName(String name) {
        for (RootKey k : values()) {
            if (k.longName().equalsIgnoreCase(name) || k.shortName.equalsIgnoreCase(name)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
