package prestage.core.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A path on the client as the client names it: {@code C:\MED-V Images\PrestagedImages} on a Windows client (a
 * drive and names), or {@code /srv/x} on a native client (no drive). Names never hold a separator, {@code .} or
 * {@code ..}: a ClientPath cannot climb out of its drive, whatever the client makes of it.
 */
public record ClientPath(String drive, List<String> names) {

    public ClientPath {
        drive = drive == null ? "" : drive.toUpperCase(Locale.ROOT);
        names = List.copyOf(names);
        for (String n : names) {
            if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\\') >= 0 || n.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a single name: '" + n + "'");
            }
        }
    }

    public static ClientPath root(String drive) {
        return new ClientPath(drive, List.of());
    }

    public boolean windows() {
        return !drive.isEmpty();
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    /** The last name; empty for a root. */
    public String name() {
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    /** The folder holding this path; a root is its own parent. */
    public ClientPath parent() {
        return names.isEmpty() ? this : new ClientPath(drive, names.subList(0, names.size() - 1));
    }

    public ClientPath resolve(String name) {
        var next = new ArrayList<>(names);
        next.add(name);
        return new ClientPath(drive, next);
    }

    /** Whether {@code other} is this path or inside it (names compared without regard to case, as Windows does). */
    public boolean contains(ClientPath other) {
        if (!drive.equals(other.drive) || other.names.size() < names.size()) return false;
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase(other.names.get(i))) return false;
        }
        return true;
    }

    /** {@code C:\A\B} (a drive root is {@code C:\}), or {@code /a/b} on a native client. */
    @Override
    public String toString() {
        String sep = windows() ? "\\" : "/";
        return (windows() ? drive + "\\" : "/") + String.join(sep, names);
    }

    /** How a new folder is listed in a diff: with a trailing separator. */
    public String asFolder() {
        return isRoot() ? toString() : toString() + (windows() ? "\\" : "/");
    }
}
