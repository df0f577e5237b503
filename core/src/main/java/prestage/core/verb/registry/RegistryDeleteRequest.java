package prestage.core.verb.registry;

import prestage.core.registry.RegistryView;

/** {@code registry delete KEY [NAME]}: the value, or with a null name the key and everything below it. */
public record RegistryDeleteRequest(String key, String name, Integer view) {
    public RegistryDeleteRequest {
        RegistryView.of(view);
    }

    public RegistryView registryView() {
        return RegistryView.of(view);
    }
}
