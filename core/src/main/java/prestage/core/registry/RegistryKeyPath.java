package prestage.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import prestage.core.BadInputException;

/**
 * A key such as {@code HKEY_LOCAL_MACHINE\SOFTWARE\Kidaro}. Names keep the case they were given in, but two
 * paths are equal when they differ only in case, as the registry itself compares them.
 */
public final class RegistryKeyPath {
    /** Windows rejects longer key names. */
    static final int MAX_NAME_LENGTH = 255;

    private final RootKey root;
    private final List<String> names;

    public RegistryKeyPath(RootKey root, List<String> names) {
        this.root = root;
        this.names = List.copyOf(names);
        for (String n : this.names) checkName(n, this);
    }

    public static RegistryKeyPath of(RootKey root, String... names) {
        return new RegistryKeyPath(root, List.of(names));
    }

    /**
     * {@code HKLM\SOFTWARE\Kidaro}, {@code HKEY_LOCAL_MACHINE\SOFTWARE\Kidaro}, {@code HKLM:\SOFTWARE\Kidaro}...
     * Only the backslash separates names: a forward slash is a legal character in a key name. Doubled
     * backslashes (a path copied from escaped source code) collapse, since a key name is never empty.
     */
    public static RegistryKeyPath parse(String text, Consumer<String> warn) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("empty registry key: give one such as 'HKLM\\SOFTWARE\\Kidaro'");
        }
        String t = text.strip();
        String rootText;
        String rest;
        int provider = t.indexOf("::");
        int searchFrom = provider >= 0 ? provider + 2 : 0;
        int slash = t.indexOf('\\', searchFrom);
        if (slash < 0) {
            rootText = t;
            rest = "";
        } else {
            rootText = t.substring(0, slash);
            rest = t.substring(slash + 1);
        }
        RootKey root = RootKey.parse(rootText, warn);
        var names = new ArrayList<String>();
        for (String n : rest.split("\\\\")) {
            if (!n.isEmpty()) names.add(n);
        }
        try {
            return new RegistryKeyPath(root, names);
        } catch (BadInputException e) {
            throw new BadInputException("registry key '" + text + "': " + e.getMessage());
        }
    }

    private static void checkName(String name, RegistryKeyPath where) {
        if (name.isEmpty()) throw new BadInputException("a key name cannot be empty");
        if (name.indexOf('\\') >= 0) throw new BadInputException("the key name '" + name + "' contains a backslash");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new BadInputException("the key name '" + name.substring(0, 20) + "...' is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(c -> c < 32)) {
            throw new BadInputException("the key name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a control character");
        }
    }

    public RootKey root() {
        return root;
    }

    /** The names below the root key, outermost first. */
    public List<String> names() {
        return names;
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public String leaf() {
        return names.isEmpty() ? root.longName() : names.get(names.size() - 1);
    }

    public RegistryKeyPath child(String name) {
        var more = new ArrayList<>(names);
        more.add(name);
        return new RegistryKeyPath(root, more);
    }

    public RegistryKeyPath parent() {
        if (names.isEmpty()) throw new IllegalStateException(root + " has no parent");
        return new RegistryKeyPath(root, names.subList(0, names.size() - 1));
    }

    /** True when this is {@code other} or lies below it. */
    public boolean startsWith(RegistryKeyPath other) {
        if (root != other.root || names.size() < other.names.size()) return false;
        for (int i = 0; i < other.names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase(other.names.get(i))) return false;
        }
        return true;
    }

    /** The names below {@code ancestor}; this must start with it. */
    public List<String> namesBelow(RegistryKeyPath ancestor) {
        if (!startsWith(ancestor)) throw new IllegalArgumentException(this + " is not below " + ancestor);
        return names.subList(ancestor.names.size(), names.size());
    }

    /** {@code HKEY_LOCAL_MACHINE\SOFTWARE\Kidaro}, as .reg files and {@code reg query} write keys. */
    @Override
    public String toString() {
        return join(root.longName());
    }

    /** {@code HKLM\SOFTWARE\Kidaro}, as people type keys. */
    public String shortForm() {
        return join(root.shortName());
    }

    private String join(String rootName) {
        var sb = new StringBuilder(rootName);
        for (String n : names) sb.append('\\').append(n);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryKeyPath other && other.root == root && other.names.size() == names.size()
                && startsWith(other);
    }

    @Override
    public int hashCode() {
        return toString().toUpperCase(Locale.ROOT).hashCode();
    }
}
