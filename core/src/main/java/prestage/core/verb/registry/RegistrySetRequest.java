package prestage.core.verb.registry;

import prestage.core.BadInputException;
import prestage.core.registry.RegistryView;
import prestage.core.registry.ValueType;

/**
 * {@code registry set KEY NAME VALUE --type T --view V}.
 *
 * @param value the data as text (see {@code ValueText}); strings of a REG_MULTI_SZ separated by NUL
 * @param type  a writable type; null is {@link #DEFAULT_TYPE}
 */
public record RegistrySetRequest(String key, String name, String value, String type, Integer view) {
    /** The type when none is given: a string, as reg.exe and regedit assume. */
    public static final String DEFAULT_TYPE = "REG_SZ";

    public RegistrySetRequest {
        if (name == null) throw new BadInputException("registry set " + key + ": give the value name (\"\" or @ for the key's default value)");
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
        ValueType.parseWritable(type);
        RegistryView.of(view);
    }

    public RegistrySetRequest(String key, String name, String value) {
        this(key, name, value, null, null);
    }

    public RegistryView registryView() {
        return RegistryView.of(view);
    }

    public ValueType valueType() {
        return ValueType.parseWritable(type);
    }
}
