package prestage.shell.render;

import java.util.Map;

import prestage.core.outcome.Status;

/**
 * Colours for step labels: ok green, changed yellow, drift magenta, failed red; or none at all when the
 * output is not a colour terminal or {@code NO_COLOR} is set (https://no-color.org).
 */
public final class Palette {
    public static final Palette NONE = new Palette(false);
    private static final String RESET = "\u001b[0m";
    private static final Map<Status, String> COLOURS = Map.of(
            Status.OK, "\u001b[32m",
            Status.CHANGED, "\u001b[33m",
            Status.DRIFT, "\u001b[35m",
            Status.FAILED, "\u001b[1;31m");

    /**
     * The console's choice for the commands typed in it: they print to its terminal, whose type the console
     * knows better than {@link #forStandardStreams()} can guess. One console per process, hence one field.
     */
    private static volatile Palette console;
    private final boolean colour;

    private Palette(boolean colour) {
        this.colour = colour;
    }

    public boolean colour() {
        return colour;
    }

    /** Colour when the terminal draws at least 8 colours, unless NO_COLOR says otherwise. */
    public static Palette forTerminal(String type, int colours) {
        boolean dumb = type == null || type.startsWith("dumb");
        return !dumb && colours >= 8 && !noColor() ? new Palette(true) : NONE;
    }

    /**
     * For one-shot commands: colour only when standard input and output are a terminal (what
     * {@link System#console()} tells on Java 17) that is not {@code TERM=dumb}.
     */
    public static Palette forStandardStreams() {
        Palette set = console;
        if (set != null) return set;
        String term = System.getenv("TERM");
        boolean terminal = System.console() != null && term != null && !term.isEmpty() && !term.startsWith("dumb");
        return terminal && !noColor() ? new Palette(true) : NONE;
    }

    /** Set by the console for its session; {@code null} when it ends. */
    public static void useForConsole(Palette palette) {
        console = palette;
    }

    static boolean noColor() {
        String v = System.getenv("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    /** {@code label} padded to {@code width} and coloured by {@code status}; padding stays outside the colour. */
    public String label(Status status, String label, int width) {
        String padded = String.format("%-" + width + "s", label);
        if (!colour) return padded;
        String code = COLOURS.get(status);
        if (code == null) return padded;
        return code + label + RESET + padded.substring(label.length());
    }
}
