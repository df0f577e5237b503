package prestage.shell.console;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the word being completed stands in a command line, found by walking the words before it through the
 * command tree as picocli would parse them: which (sub)command, and whether the word is an option's name, an
 * option's value, a subcommand, or the Nth positional parameter.
 *
 * @param command     the innermost command named so far
 * @param argument    the option or positional parameter whose value the word is; null when the word is not a value
 * @param valuePrefix what stays before the value in the word ({@code --format=} in {@code --format=js})
 * @param positionals the positional values typed before the word (run's RECIPE, for its -p completion)
 */
record ArgumentPosition(CommandSpec command, ArgSpec argument, String valuePrefix, List<String> positionals) {

    /** Null when the line does not start with a command (a Groovy statement). */
    static ArgumentPosition of(CommandLine root, List<String> words, int wordIndex, String word) {
        if (wordIndex == 0 || words.isEmpty()) return null;
        CommandLine first = root.getSubcommands().get(words.get(0));
        if (first == null) return null;
        CommandSpec spec = first.getCommandSpec();
        var positionals = new ArrayList<String>();
        OptionSpec pending = null;
        for (String w : words.subList(1, wordIndex)) {
            if (pending != null) {
                pending = null;
                continue;
            }
            if (positionals.isEmpty() && spec.subcommands().containsKey(w)) {
                spec = spec.subcommands().get(w).getCommandSpec();
                continue;
            }
            if (w.startsWith("-") && w.length() > 1) {
                OptionSpec option = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (option != null && takesValue(option) && !w.contains("=")) pending = option;
                continue;
            }
            positionals.add(w);
        }
        if (pending != null) return new ArgumentPosition(spec, pending, "", positionals);
        if (word.startsWith("-")) {
            int eq = word.indexOf('=');
            OptionSpec option = eq > 0 ? spec.findOption(word.substring(0, eq)) : null;
            return new ArgumentPosition(spec, option, option == null ? "" : word.substring(0, eq + 1), positionals);
        }
        if (positionals.isEmpty() && !spec.subcommands().isEmpty()) return new ArgumentPosition(spec, null, "", positionals);
        int index = positionals.size();
        ArgSpec positional = spec.positionalParameters().stream()
                .filter(p -> p.index().contains(index)).findFirst().orElse(null);
        return new ArgumentPosition(spec, positional, "", positionals);
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0 && !option.type().equals(boolean.class) && !option.type().equals(Boolean.class);
    }

    /** The word is an option's name (it starts with a dash and is not {@code --opt=value}). */
    boolean atOptionName(String word) {
        return argument == null && word.startsWith("-");
    }

    /** The word can only be a subcommand. */
    boolean atSubcommand(String word) {
        return argument == null && !word.startsWith("-") && !command.subcommands().isEmpty() && positionals.isEmpty();
    }
}
