package prestage.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import prestage.core.BadInputException;

/** Named arguments of a recipe verb ({@code protect: true}), checked against what the verb knows. */
final class NamedArgs {
    private final String verb;
    private final Map<String, Object> options;

    private NamedArgs(String verb, Map<String, Object> options) {
        this.verb = verb;
        this.options = options;
    }

    static NamedArgs of(String verb, Map<String, Object> options, String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadInputException(verb + ": unknown option '" + name + "'; it takes " + String.join(", ", Arrays.stream(known).map(k -> k + ":").toList()));
            }
        }
        return new NamedArgs(verb, options);
    }

    Boolean bool(String name) {
        Object v = options.get(name);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        String s = v.toString();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new BadInputException(verb + ": " + name + ": takes true or false, not '" + s + "'");
    }

    String string(String name, String fallback) {
        Object v = options.get(name);
        return v == null ? fallback : v.toString();
    }

    int integer(String name, int fallback) {
        Object v = options.get(name);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            throw new BadInputException(verb + ": " + name + ": takes a whole number, not '" + v + "'");
        }
    }

    Integer view() {
        Object v = options.get("view");
        if (v == null) return null;
        String s = v.toString();
        if (s.equals("32") || s.equals("64")) return Integer.valueOf(s);
        throw new BadInputException(verb + ": view: takes 32 or 64, not '" + s + "'");
    }

    List<String> strings(String name) {
        Object v = options.get(name);
        if (v == null) return List.of();
        if (v instanceof Iterable<?> it) {
            var out = new java.util.ArrayList<String>();
            it.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        return List.of(v.toString());
    }
}
