package prestage.dsl;

import java.util.List;
import java.util.Map;

import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Step;

/** {@code registry.set key, name, value, view: 32} and friends in recipes. */
public final class RegistryVerbs {
    private final Verbs verbs;

    RegistryVerbs(Verbs verbs) {
        this.verbs = verbs;
    }

    public String get(Object key) {
        return verbs.registryGet(new RegistryGetRequest(str(key), null, null));
    }

    public String get(Object key, Object name) {
        return verbs.registryGet(new RegistryGetRequest(str(key), str(name), null));
    }

    public String get(Map<String, Object> options, Object key, Object name) {
        return verbs.registryGet(new RegistryGetRequest(str(key), str(name), Grammar.REGISTRY_GET.read(options).integer("view")));
    }

    public Step set(Object key, Object name, Object value) {
        return verbs.registrySet(new RegistrySetRequest(str(key), str(name), value(value)));
    }

    public Step set(Map<String, Object> options, Object key, Object name, Object value) {
        var args = Grammar.REGISTRY_SET.read(options);
        return verbs.registrySet(new RegistrySetRequest(str(key), str(name), value(value), args.string("type", null), args.integer("view")));
    }

    public Step delete(Object key, Object name) {
        return verbs.registryDelete(new RegistryDeleteRequest(str(key), str(name), null));
    }

    public Step delete(Map<String, Object> options, Object key, Object name) {
        return verbs.registryDelete(new RegistryDeleteRequest(str(key), str(name), Grammar.REGISTRY_DELETE.read(options).integer("view")));
    }

    public Step export(Object key, Object file) {
        return verbs.registryExport(new RegistryExportRequest(str(key), str(file), null));
    }

    public Step export(Map<String, Object> options, Object key, Object file) {
        return verbs.registryExport(new RegistryExportRequest(str(key), str(file), Grammar.REGISTRY_EXPORT.read(options).integer("view")));
    }

    /** A list becomes a REG_MULTI_SZ; the verb splits on NUL. */
    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return String.join("\0", list.stream().map(String::valueOf).toList());
        }
        return str(value);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
