package prestage.core.msi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The MED-V 1.0 client's documented install properties and what each accepts. */
public enum MsiProperty {
    INSTALLDIR(Kind.PATH),
    VMSFOLDER(Kind.PATH),
    INSTALL_ADMIN_TOOLS(Kind.FLAG),
    START_AUTOMATICALLY(Kind.FLAG),
    SERVER_ADDRESS(Kind.HOST),
    SERVER_PORT(Kind.PORT),
    SERVER_SSL(Kind.FLAG),
    START_MEDV(Kind.FLAG),
    DESKTOP_SHORTCUT(Kind.FLAG),
    MINIMAL_RAM_REQUIRED(Kind.MEGABYTES),
    SKIP_OS_CHECK(Kind.FLAG);

    enum Kind {
        PATH("an absolute Windows path such as C:\\MED-V Images",
                v -> Pattern.matches("(?:[A-Za-z]:\\\\|\\\\\\\\).*", v) && !v.matches(".*[<>|\"*?].*")),
        FLAG("0 or 1", v -> v.equals("0") || v.equals("1")),
        HOST("a host name or IP address", v -> Pattern.matches("[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?", v)),
        PORT("a port from 1 to 65535", v -> v.matches("[0-9]{1,5}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65535),
        MEGABYTES("a whole number of megabytes", v -> v.matches("[0-9]{1,7}") && Integer.parseInt(v) > 0);

        final String expected;
        final Predicate<String> valid;

        Kind(String expected, Predicate<String> valid) {
            this.expected = expected;
            this.valid = valid;
        }
    }

    private final Kind kind;

    MsiProperty(Kind kind) {
        this.kind = kind;
    }

    public boolean accepts(String value) {
        return kind.valid.test(value);
    }

    /** A folder: the kind whose trailing backslash can be dropped without changing what it names. */
    public boolean isPath() {
        return kind == Kind.PATH;
    }

    public String expected() {
        return kind.expected;
    }

    public static Optional<MsiProperty> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(upper)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
