package prestage.dsl;

import java.util.List;
import java.util.Map;

/** A recipe verb's named arguments ({@code protect: true}), already checked and typed by its {@link VerbForm}. */
final class NamedArgs {
    private final Map<String, Object> typed;
    private final Map<String, String> properties;

    NamedArgs(Map<String, Object> typed, Map<String, String> properties) {
        this.typed = typed;
        this.properties = properties;
    }

    /** A switch: null when not given. */
    Boolean bool(String name) {
        return (Boolean) typed.get(name);
    }

    boolean on(String name) {
        return Boolean.TRUE.equals(typed.get(name));
    }

    String string(String name, String fallback) {
        Object v = typed.get(name);
        return v == null ? fallback : (String) v;
    }

    /** A whole number or a view (32 or 64): null when not given. */
    Integer integer(String name) {
        return (Integer) typed.get(name);
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object v = typed.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    /** Names the form does not know, passed on as they are (msi's properties), in the order given. */
    Map<String, String> properties() {
        return properties;
    }
}
