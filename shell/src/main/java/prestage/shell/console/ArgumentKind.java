package prestage.shell.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine.Model.ArgSpec;
import prestage.core.BadInputException;
import prestage.core.registry.ValueType;

/**
 * What a command's argument is, read from the command's own model (its type, its completion candidates, its
 * parameter label), so a new option is completed the day it is declared: a fixed choice, a path on the client, a
 * registry key, a local file, a recipe, a recipe parameter, an ACL.
 */
record ArgumentKind(Kind kind, List<String> choices) {
    enum Kind { CHOICE, CLIENT_PATH, REGISTRY_KEY, LOCAL_PATH, RECIPE, RECIPE_PARAMETER, ACL, NOTHING }

    /** {@code sddl|icacls|cacls|json}, {@code 32|64}: a label that lists the values. */
    private static final Pattern LISTED = Pattern.compile("[a-z0-9]+(\\|[a-z0-9]+)+");
    static final ArgumentKind NOTHING = new ArgumentKind(Kind.NOTHING, List.of());

    static ArgumentKind of(ArgSpec arg) {
        if (arg.completionCandidates() != null) {
            var values = new ArrayList<String>();
            arg.completionCandidates().forEach(values::add);
            return choice(values);
        }
        String label = arg.paramLabel().replaceAll("^<|>$", "");
        if (LISTED.matcher(label).matches()) return choice(List.of(label.split("\\|")));
        return switch (label.toUpperCase(Locale.ROOT)) {
            case "TYPE" -> choice(writableTypes());
            case "PATH", "DIR", "ROOT", "FILE.REG" -> new ArgumentKind(Kind.CLIENT_PATH, List.of());
            case "KEY" -> new ArgumentKind(Kind.REGISTRY_KEY, List.of());
            case "ACL" -> new ArgumentKind(Kind.ACL, List.of());
            case "RECIPE" -> new ArgumentKind(Kind.RECIPE, List.of());
            case "NAME=VALUE" -> new ArgumentKind(Kind.RECIPE_PARAMETER, List.of());
            // --target PATH|live, --registry HIVE|FILE.reg, push SOURCE, msi PACKAGE and --log FILE are on this machine
            case "SOURCE", "FILE", "PACKAGE", "HIVE|FILE.REG" -> new ArgumentKind(Kind.LOCAL_PATH, List.of());
            case "PATH|LIVE" -> new ArgumentKind(Kind.LOCAL_PATH, List.of("live"));
            default -> NOTHING;
        };
    }

    private static ArgumentKind choice(List<String> values) {
        return new ArgumentKind(Kind.CHOICE, List.copyOf(values));
    }

    /** The value types --type accepts, as the registry code that reads it decides. */
    private static List<String> writableTypes() {
        var out = new ArrayList<String>();
        for (ValueType t : ValueType.values()) {
            try {
                ValueType.parseWritable(t.name());
                out.add(t.name());
            } catch (BadInputException notWritable) {
                // REG_LINK and the like: Windows keeps them, prestage does not write them
            }
        }
        return out;
    }
}
