package prestage.core.registry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a target's registry lives: the live registry, an offline hive, or a .reg file. Backends only read and
 * write; comparing, diffs and what-if belong to the registry verb ({@code prestage.core.verb.registry.RegistryVerb}).
 */
public interface RegistryBackend {
    /** For messages, e.g. {@code the hive /mnt/c/Windows/System32/config/SOFTWARE}. */
    String describe();

    Bitness bitness();

    /**
     * The places {@code key} in {@code view} stands for here, first the one to read. Throws
     * {@link prestage.core.BadInputException} for a key this registry cannot hold (HKCU in a SOFTWARE hive).
     */
    default List<RegLocation> locate(RegistryKeyPath key, RegistryView view) {
        return Wow64Redirection.locate(key, view, bitness()).stream().map(RegLocation::physical).toList();
    }

    /** The key's values in stored order, or empty when the key does not exist. */
    Optional<List<RegValue>> values(RegLocation at) throws IOException;

    /** The names of the key's direct subkeys; none when the key does not exist. */
    List<String> subkeys(RegLocation at) throws IOException;

    /** Applies every edit, or (on failure) none of them where the backend can promise that. */
    void apply(List<RegEdit> edits) throws IOException;

    default Optional<RegValue> value(RegLocation at, String name) throws IOException {
        return values(at).flatMap(vs -> vs.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst());
    }

    default boolean exists(RegLocation at) throws IOException {
        return values(at).isPresent();
    }

    /**
     * True when the value is certainly absent once this registry is in force. For a live registry or a hive that is
     * "not there"; a .reg file describes changes, so there only a deletion in the file makes it absent.
     */
    default boolean isValueAbsent(RegLocation at, String name) throws IOException {
        return value(at, name).isEmpty();
    }

    /** Like {@link #isValueAbsent}, for a key. */
    default boolean isKeyAbsent(RegLocation at) throws IOException {
        return !exists(at);
    }

    /**
     * True when Windows itself applies WOW64 redirection on the way in (the live registry), so the keys given are
     * the keys reached; false for files, whose paths are physical and where prestage does the mapping.
     */
    default boolean redirectsItself() {
        return false;
    }

    /** A note for the person running prestage after a write, e.g. how the client applies a .reg file. */
    default Optional<String> afterWriteNote() {
        return Optional.empty();
    }
}
