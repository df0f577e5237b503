package prestage.core.images;

import prestage.core.OptionWords;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

import prestage.core.BadInputException;
import prestage.core.WindowsNames;

/**
 * Which files are images ({@code --include} globs, matched without regard to case as Windows does)
 * and which names the MED-V client accepts (docs/formats.md section 5: no space and none of {@code " < > | \ / : * ?}).
 */
final class ImageNames {
    static final String FORBIDDEN = " \"<>|\\/:*?";

    private final List<String> globs;
    private final List<PathMatcher> matchers;

    private ImageNames(List<String> globs, List<PathMatcher> matchers) {
        this.globs = List.copyOf(globs);
        this.matchers = List.copyOf(matchers);
    }

    static ImageNames including(List<String> globs) {
        if (globs.isEmpty()) throw new IllegalArgumentException("no include globs");
        var matchers = new ArrayList<PathMatcher>();
        for (String glob : globs) {
            if (glob == null || glob.isBlank()) {
                throw new BadInputException(OptionWords.given("include", "''") + ": give a file name pattern such as *.ckm");
            }
            if (glob.indexOf('/') >= 0 || glob.indexOf('\\') >= 0) {
                throw new BadInputException(OptionWords.given("include", "'" + glob + "'") + ": give a file name pattern such as *.ckm, without folders");
            }
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT)));
            } catch (PatternSyntaxException e) {
                throw new BadInputException(OptionWords.given("include", "'" + glob + "'") + " is not a valid pattern (" + e.getDescription()
                        + "); use * and ? as in *.ckm");
            }
        }
        return new ImageNames(globs, matchers);
    }

    boolean included(String fileName) {
        Path lower = Path.of(fileName.toLowerCase(Locale.ROOT));
        return matchers.stream().anyMatch(m -> m.matches(lower));
    }

    List<String> globs() {
        return globs;
    }

    /**
     * Why the client would refuse {@code name}, or empty when it is a valid image file name: the MED-V rules first
     * (no space, none of {@code " < > | \\ / : * ?}), then what Windows itself cannot hold ({@link WindowsNames}).
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) return Optional.of("the name is empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) return Optional.of("it contains a control character");
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of(c == ' ' ? "it contains a space" : "it contains '" + c + "'");
            }
        }
        return WindowsNames.problem(name);
    }

    /** @throws BadInputException naming {@code where} when {@code name} breaks the MED-V or Windows rules */
    static void requireValid(String name, String where) {
        problem(name).ifPresent(why -> {
            throw new BadInputException(where + ": '" + printable(name) + "' is not a valid MED-V image name (" + why
                    + "; names may not contain a space or \" < > | \\ / : * ?, end in a dot, or be a device name such as CON or NUL); "
                    + "rename the file");
        });
    }

    static String printable(String name) {
        return WindowsNames.printable(name);
    }
}
