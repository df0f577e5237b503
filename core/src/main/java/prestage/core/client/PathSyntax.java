package prestage.core.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import prestage.core.BadInputException;

/** How the paths users give are read: Windows drive paths for clients with drives, native paths otherwise. */
public final class PathSyntax {
    private static final Pattern DRIVE = Pattern.compile("^([A-Za-z]):(?:[\\\\/](.*))?$", Pattern.DOTALL);

    private PathSyntax() {
    }

    public static boolean isDrivePath(String path) {
        return path != null && DRIVE.matcher(path).matches();
    }

    /**
     * A drive path on a client that maps {@code drives} (e.g. only {@code C}); relative, UNC and POSIX paths are refused,
     * since they would resolve against this machine rather than the client.
     */
    public static ClientPath drivePath(String spec, String drives, String client) {
        requireText(spec);
        var m = DRIVE.matcher(spec);
        if (!m.matches()) {
            String kind = spec.startsWith("\\\\") || spec.startsWith("//") ? "a UNC path"
                    : spec.startsWith("/") ? "a path on this machine, not on the client"
                    : spec.startsWith("\\") ? "a path without a drive" : "a relative path";
            throw new BadInputException("'" + spec + "' is " + kind + "; on " + client + " give a full client path such as 'C:\\MED-V Images'");
        }
        String drive = m.group(1).toUpperCase();
        if (drives.indexOf(drive.charAt(0)) < 0) {
            throw new BadInputException("'" + spec + "': " + client + " has only the " + String.join(", ", drives.chars()
                    .mapToObj(c -> (char) c + ":").toList()) + " drive; use a " + drives.charAt(0) + ":\\ path");
        }
        return new ClientPath(drive + ":", names(m.group(2) == null ? "" : m.group(2), spec, "[\\\\/]+", true));
    }

    /** A path on this machine, for a client without drives (the native one): absolute, or relative to the working folder. */
    public static ClientPath nativePath(String spec) {
        requireText(spec);
        if (isDrivePath(spec)) {
            throw new BadInputException("'" + spec + "' is a Windows path, and there is no client to map it to: "
                    + "give --target FOLDER|MOUNTPOINT (the client's C: drive) or use a local path");
        }
        Path abs = Path.of(spec).toAbsolutePath().normalize();
        var names = new ArrayList<String>();
        for (Path p : abs) names.add(p.toString());
        return new ClientPath("", names);
    }

    private static void requireText(String spec) {
        if (spec == null || spec.isBlank()) throw new BadInputException("empty path: give a folder such as 'C:\\'");
        if (spec.indexOf('\0') >= 0) throw new BadInputException("path contains a NUL character: " + spec.replace('\0', '?'));
    }

    private static List<String> names(String rest, String whole, String separators, boolean windows) {
        var out = new ArrayList<String>();
        for (String s : rest.split(separators)) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (out.isEmpty()) throw new BadInputException("'" + whole + "' climbs above C:\\ with '..'");
                out.remove(out.size() - 1);
                continue;
            }
            if (windows && s.chars().anyMatch(c -> c < 32 || "<>:\"|?*".indexOf(c) >= 0)) {
                throw new BadInputException("'" + whole + "': the name '" + s + "' has a character Windows does not allow in names");
            }
            if (windows) {
                String name = s;
                prestage.core.WindowsNames.problem(name).ifPresent(why -> {
                    throw new BadInputException("'" + prestage.core.WindowsNames.printable(whole) + "': " + why + "; use another name");
                });
            }
            out.add(s);
        }
        return out;
    }
}
