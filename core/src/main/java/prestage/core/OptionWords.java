package prestage.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A verb's option named in a message by its neutral name (the recipe's: {@code readOnly}), so each face words it
 * in its caller's language: {@code --read-only} on the command line, {@code readOnly: true} in a recipe. Requests
 * and verbs build messages with {@link #named}, {@link #on} and {@link #given}; a face renders them with
 * {@link Face#word}. The marks are private-use characters no user types.
 */
public final class OptionWords {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final char VALUE = '\uE002';
    private static final Pattern MARK = Pattern.compile(OPEN + "([^" + VALUE + CLOSE + "]*)(?:" + VALUE + "([^" + CLOSE + "]*))?" + CLOSE);
    private static final String SWITCH_ON = "\uE003";
    private static final char POSITIONAL = '\uE004';

    private OptionWords() {
    }

    /** The option itself: {@code --to} / {@code to:}. */
    public static String named(String name) {
        return OPEN + name + CLOSE;
    }

    /** A switch turned on: {@code --force} / {@code force: true}. */
    public static String on(String name) {
        return OPEN + name + VALUE + SWITCH_ON + CLOSE;
    }

    /** The option with a value: {@code --view 64} / {@code view: 64}. */
    public static String given(String name, String value) {
        return OPEN + name + VALUE + value + CLOSE;
    }

    /**
     * What the command line takes as a positional argument and a recipe as a named one: {@code SOURCE} /
     * {@code from:}.
     */
    public static String argument(String name, String commandLineLabel) {
        return OPEN + name + VALUE + POSITIONAL + commandLineLabel + CLOSE;
    }

    /** Who reads the message. */
    public enum Face {
        /** {@code --read-only}, {@code --view 64}. */
        COMMAND_LINE,
        /** {@code readOnly: true}, {@code view: 64}. */
        RECIPE;

        public String word(String text) {
            if (text == null || text.indexOf(OPEN) < 0) return text;
            Matcher m = MARK.matcher(text);
            var out = new StringBuilder();
            while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(word(m.group(1), m.group(2))));
            m.appendTail(out);
            return out.toString();
        }

        private String word(String name, String value) {
            if (value != null && value.indexOf(POSITIONAL) == 0) return this == COMMAND_LINE ? value.substring(1) : name + ":";
            if (this == COMMAND_LINE) {
                String flag = "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
                return value == null || value.equals(SWITCH_ON) ? flag : flag + " " + value;
            }
            if (value == null) return name + ":";
            return name + ": " + (value.equals(SWITCH_ON) ? "true" : value);
        }
    }
}
