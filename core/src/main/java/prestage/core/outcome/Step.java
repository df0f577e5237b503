package prestage.core.outcome;

import java.util.List;
import java.util.Map;

/**
 * One verb applied to one subject (a folder, a file set, a registry value).
 *
 * @param verb    the verb that ran, e.g. {@code acl}
 * @param subject what it ran on, in the target's notation (e.g. {@code C:\MED-V Images})
 * @param status  ok / changed / drift / failed
 * @param message one line for people
 * @param diff    what differs or changed, one line each ({@code - old}, {@code + new}, {@code ~ changed})
 * @param data    machine-readable details for {@code --json}; values are strings, numbers, booleans, lists or maps
 */
public record Step(String verb, String subject, Status status, String message, List<String> diff, Map<String, Object> data) {

    public Step {
        diff = List.copyOf(diff);
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public static Step ok(String verb, String subject, String message) {
        return new Step(verb, subject, Status.OK, message, List.of(), Map.of());
    }

    public static Step changed(String verb, String subject, String message, List<String> diff) {
        return new Step(verb, subject, Status.CHANGED, message, diff, Map.of());
    }

    public static Step failed(String verb, String subject, String message) {
        return new Step(verb, subject, Status.FAILED, message, List.of(), Map.of());
    }

    public Step withData(Map<String, Object> more) {
        var merged = new java.util.LinkedHashMap<>(data);
        merged.putAll(more);
        return new Step(verb, subject, status, message, diff, merged);
    }
}
