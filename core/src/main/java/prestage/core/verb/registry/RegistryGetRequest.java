package prestage.core.verb.registry;

import prestage.core.registry.RegistryView;

/**
 * {@code registry get KEY [NAME]}, and the value other verbs read (status).
 *
 * @param name the value; null for the whole key, "" or {@code @} for the key's default value
 * @param view 32, 64, or null for the client's native view
 */
public record RegistryGetRequest(String key, String name, Integer view) {
    public RegistryGetRequest {
        RegistryView.of(view);
    }

    public RegistryView registryView() {
        return RegistryView.of(view);
    }
}
