package prestage.shell.console;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the console keeps its history: {@code $XDG_STATE_HOME/prestage/history}, else
 * {@code ~/.local/state/prestage/history} (the XDG base directory rules); {@code PRESTAGE_HISTORY} names another file.
 * Lines typed there can hold paths and hosts, so the folder and file are the user's alone.
 */
final class HistoryFile {
    private HistoryFile() {
    }

    static Path locate(Map<String, String> env, String home) {
        String explicit = env.get("PRESTAGE_HISTORY");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String state = env.get("XDG_STATE_HOME");
        // the spec: a relative XDG_STATE_HOME is invalid and is ignored
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state) : Path.of(home, ".local", "state");
        return base.resolve("prestage").resolve("history");
    }

    /** Creates the folder (0700) and the file (0600) if missing, and takes group and other access off the file. */
    static Path prepare(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            var userOnly = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, userOnly);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(userOnly));
            }
        }
        return file;
    }
}
