package prestage.core.registry;

/** Where a target's registry lives: the live registry, an offline hive, or a .reg file. */
public interface RegistryBackend {
    /** For messages, e.g. {@code the hive /mnt/c/Windows/System32/config/SOFTWARE}. */
    String describe();
}
