package prestage.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import prestage.core.BadInputException;

/**
 * One recipe verb's form, declared once in {@link Grammar}: the name a recipe calls it by ({@code acl.show} for
 * {@code acl}'s {@code show}), its positional arguments, and its named options with their types. The script base
 * class reads arguments through it, the pre-flight check and the facts collector know the verb by it, and the
 * console completes its name.
 *
 * @param properties whether names it does not know are passed on as properties (msi: {@code VMSFOLDER:})
 */
public record VerbForm(String name, List<String> positional, Map<String, OptionType> options, boolean properties) {
    public VerbForm {
        positional = List.copyOf(positional);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    static VerbForm of(String name, String... positional) {
        return new VerbForm(name, List.of(positional), Map.of(), false);
    }

    /** This form with one more named option. */
    VerbForm option(String option, OptionType type) {
        var more = new LinkedHashMap<>(options);
        more.put(option, type);
        return new VerbForm(name, positional, more, properties);
    }

    /** The same form under another name ({@code acl.apply} is {@code acl}). */
    VerbForm rename(String other) {
        return new VerbForm(other, positional, options, properties);
    }

    /** This form passing names it does not know on as properties. */
    VerbForm withProperties() {
        return new VerbForm(name, positional, options, true);
    }

    /** The word a recipe starts the call with: {@code acl} for {@code acl.show}. */
    public String word() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Where the positional argument {@code argument} stands, or -1. */
    int position(String argument) {
        return positional.indexOf(argument);
    }

    /** @throws BadInputException naming the first option this verb does not take, and those it does */
    void checkNames(Set<String> given) {
        if (properties) return;
        for (String option : given) {
            if (!options.containsKey(option)) {
                throw new BadInputException(name + ": unknown option '" + option + "'; it takes "
                        + String.join(", ", options.keySet().stream().map(k -> k + ":").toList()));
            }
        }
    }

    /** The given named arguments, each read as its type says. @throws BadInputException for a name or value it does not take */
    NamedArgs read(Map<String, ?> given) {
        checkNames(given.keySet());
        var typed = new LinkedHashMap<String, Object>();
        var extra = new LinkedHashMap<String, String>();
        given.forEach((k, v) -> {
            OptionType type = options.get(k);
            if (type != null) {
                typed.put(k, type.read(name, k, v));
            } else {
                extra.put(k, v == null ? null : v.toString());
            }
        });
        return new NamedArgs(typed, extra);
    }
}
