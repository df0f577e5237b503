package prestage.dsl;

import java.util.ArrayList;
import java.util.List;

import prestage.core.BadInputException;

/** What a recipe verb's named option takes; each kind reads a given value, or says what it takes. */
public enum OptionType {
    SWITCH("true or false"),
    TEXT("text"),
    TEXTS("a text or a list of texts"),
    WHOLE("a whole number"),
    VIEW("32 or 64");

    private final String takes;

    OptionType(String takes) {
        this.takes = takes;
    }

    /** What the option takes, as a refusal says it: {@code true or false}. */
    public String takes() {
        return takes;
    }

    /** The value as the verb wants it: Boolean, String, List of String, Integer. */
    Object read(String verb, String name, Object v) {
        if (v == null) return null;
        return switch (this) {
            case SWITCH -> {
                if (v instanceof Boolean b) yield b;
                String s = v.toString();
                if (s.equalsIgnoreCase("true")) yield true;
                if (s.equalsIgnoreCase("false")) yield false;
                throw refused(verb, name, s);
            }
            case TEXT -> v.toString();
            case TEXTS -> {
                if (!(v instanceof Iterable<?> it)) yield List.of(v.toString());
                var out = new ArrayList<String>();
                it.forEach(x -> out.add(String.valueOf(x)));
                yield List.copyOf(out);
            }
            case WHOLE -> {
                if (v instanceof Number n) yield n.intValue();
                try {
                    yield Integer.parseInt(v.toString().strip());
                } catch (NumberFormatException e) {
                    throw refused(verb, name, v.toString());
                }
            }
            case VIEW -> {
                String s = v.toString();
                if (s.equals("32") || s.equals("64")) yield Integer.valueOf(s);
                throw refused(verb, name, s);
            }
        };
    }

    private BadInputException refused(String verb, String name, String value) {
        return new BadInputException(verb + ": " + name + ": takes " + takes + ", not '" + value + "'");
    }
}
