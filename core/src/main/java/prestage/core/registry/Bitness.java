package prestage.core.registry;

/** Whether a registry belongs to a 64-bit Windows (two views) or a 32-bit one (one view). */
public enum Bitness {
    X64,
    X86,
    /** A .reg file can be imported on either kind of client. */
    UNKNOWN
}
