package prestage.core.registry;

/** One change to a registry; a backend applies a list of them together or not at all. */
public sealed interface RegEdit {
    RegLocation at();

    /** Creates the key (and its parents) when missing, then sets the value. */
    record SetValue(RegLocation at, RegValue value) implements RegEdit { }

    record DeleteValue(RegLocation at, String name) implements RegEdit { }

    /** Deletes the key with everything below it. */
    record DeleteKey(RegLocation at) implements RegEdit { }
}
