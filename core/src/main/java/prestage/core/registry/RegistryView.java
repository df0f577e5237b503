package prestage.core.registry;

import prestage.core.BadInputException;

/**
 * Which half of a 64-bit Windows registry a program sees. A 32-bit program (the MED-V client) reads
 * {@code HKLM\SOFTWARE\X} from {@code HKLM\SOFTWARE\WOW6432Node\X}; a 32-bit Windows has one view only.
 */
public enum RegistryView {
    /** The view of the program doing the work: no redirection asked for. */
    NATIVE,
    BITS_32,
    BITS_64;

    /** {@code --view 32|64}, or null for native. */
    public static RegistryView of(Integer bits) {
        if (bits == null) return NATIVE;
        return switch (bits) {
            case 32 -> BITS_32;
            case 64 -> BITS_64;
            default -> throw new BadInputException("registry view " + bits + ": use 32 or 64 (or leave it out for the native view)");
        };
    }

    /** 32, 64, or null for the native view. */
    public Integer bits() {
        return switch (this) {
            case NATIVE -> null;
            case BITS_32 -> 32;
            case BITS_64 -> 64;
        };
    }

    public String label() {
        return switch (this) {
            case NATIVE -> "native view";
            case BITS_32 -> "32-bit view";
            case BITS_64 -> "64-bit view";
        };
    }
}
