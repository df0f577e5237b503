package prestage.core.verb.registry;

import java.util.List;
import java.util.Optional;

import prestage.core.registry.RegFileWriter;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;

/**
 * What a registry verb decided and did, before it is put in words ({@link RegistryWording}).
 *
 * @param where  the key, the view asked for, the registry and the physical places the view reaches
 * @param name   the value ("" for the key's default value), or null for the whole key
 * @param action what was to be done in each place that differs
 * @param effect whether it was needed, planned (what-if), done or failed
 * @param detail after {@link Effect#DONE}, what the registry says about the write (or null); after {@link Effect#FAILED}, why
 */
record RegistryChange(Where where, String name, Action action, Effect effect, String detail) {

    /** The registry being changed, and where in it the request's view lands. */
    record Where(RegistryKeyPath key, RegistryView view, RegistryBackend backend, List<RegLocation> locations) {
    }

    sealed interface Action {
    }

    /** @param places every place whose value differs from {@code desired} */
    record SetValue(RegValue desired, List<SetPlace> places) implements Action {
    }

    /** @param keyMissing the key itself is created; @param current the value there now */
    record SetPlace(RegLocation loc, boolean keyMissing, Optional<RegValue> current) {
    }

    /** @param places every place where the value exists, with what it holds */
    record DeleteValue(List<ValueAt> places) implements Action {
    }

    record ValueAt(RegLocation loc, Optional<RegValue> value) {
    }

    /** @param trees every key to delete, with its values and subkeys, depth first */
    record DeleteKey(List<KeyTree> trees) implements Action {
    }

    record KeyTree(RegLocation loc, List<RegValue> values, List<KeyTree> subkeys) {
    }

    /** @param file the .reg file as the client names it; @param keys what it holds */
    record Export(String file, List<RegFileWriter.KeyValues> keys) implements Action {
    }

    enum Effect { ALREADY, PLANNED, DONE, FAILED }

    String subject() {
        return name == null ? where.key().shortForm() : RegistryWording.subject(where.key(), name);
    }
}
