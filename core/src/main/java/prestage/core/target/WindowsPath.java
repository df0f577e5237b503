package prestage.core.target;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import prestage.core.BadInputException;

/** Windows paths on a target: {@code C:\MED-V Images} maps below the folder that stands for C:\. */
final class WindowsPath {
    private static final Pattern DRIVE = Pattern.compile("^([A-Za-z]):(?:[\\\\/](.*))?$", Pattern.DOTALL);

    private WindowsPath() {
    }

    static boolean isDrivePath(String path) {
        return DRIVE.matcher(path).matches();
    }

    static Path resolve(String path, TargetKind kind, Path drive) {
        if (path == null || path.isBlank()) throw new BadInputException("empty path: give a folder such as 'C:\\'");
        if (path.indexOf('\0') >= 0) throw new BadInputException("path contains a NUL character: " + path.replace('\0', '?'));
        var m = DRIVE.matcher(path);
        if (!m.matches()) {
            if (kind == TargetKind.LIVE_WINDOWS) return Path.of(path);
            return Path.of(path).toAbsolutePath().normalize();
        }
        if (kind == TargetKind.LIVE_WINDOWS) return Path.of(path);
        if (drive == null) {
            throw new BadInputException("'" + path + "' is a Windows path, and there is no target to map it to: "
                    + "give --target FOLDER|MOUNTPOINT (the client's C: drive) or use a local path");
        }
        if (!m.group(1).equalsIgnoreCase("C")) {
            throw new BadInputException("'" + path + "': the target maps only the C: drive; use a C:\\ path");
        }
        Path p = drive;
        for (String segment : segments(m.group(2) == null ? "" : m.group(2), path)) {
            p = childIgnoringCase(p, segment);
        }
        return p;
    }

    static String clientPath(Path local, TargetKind kind, Path drive) {
        if (kind == TargetKind.LIVE_WINDOWS || drive == null) return local.toString();
        Path abs = local.toAbsolutePath().normalize();
        if (!abs.startsWith(drive)) return abs.toString();
        Path rel = drive.relativize(abs);
        var sb = new StringBuilder("C:\\");
        for (int i = 0; i < rel.getNameCount(); i++) {
            String name = rel.getName(i).toString();
            if (name.isEmpty()) continue;
            if (sb.length() > 3) sb.append('\\');
            sb.append(name);
        }
        return sb.toString();
    }

    private static List<String> segments(String rest, String whole) {
        var out = new ArrayList<String>();
        for (String s : rest.split("[\\\\/]+")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (out.isEmpty()) throw new BadInputException("'" + whole + "' climbs above C:\\ with '..'");
                out.remove(out.size() - 1);
                continue;
            }
            if (s.chars().anyMatch(c -> c < 32 || "<>:\"|?*".indexOf(c) >= 0)) {
                throw new BadInputException("'" + whole + "': the name '" + s + "' has a character Windows does not allow in names");
            }
            out.add(s);
        }
        return out;
    }

    /** Windows names are case-insensitive: an existing child that differs only in case is the same one. */
    static Path childIgnoringCase(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.exists(exact) || !Files.isDirectory(dir)) return exact;
        String wanted = name.toLowerCase(Locale.ROOT);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (child.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted)) return child;
            }
        } catch (IOException e) {
            return exact;
        }
        return exact;
    }
}
