package prestage.shell.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import prestage.core.BadInputException;

/** {@code --targets FILE}: one target per line; blank lines and {@code #} comments (whole line or after the target) are skipped. */
public final class TargetsFile {
    private TargetsFile() {
    }

    public static List<FleetMember> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--targets " + file + ": cannot read it (" + e.getMessage() + "); give a file with one target per line");
        }
        var members = new ArrayList<FleetMember>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1); // saved by Notepad
            int hash = commentStart(line);
            String target = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (target.isEmpty()) continue;
            if (target.startsWith("-")) {
                throw new BadInputException("--targets " + file + ", line " + (i + 1) + ": '" + target + "' is an option, not a target; write one folder, mount point or \\\\host\\C$ per line");
            }
            members.add(FleetMember.of(target));
        }
        if (members.isEmpty()) throw new BadInputException("--targets " + file + ": no target in it; write one per line (# starts a comment)");
        return members;
    }

    /** A {@code #} at the start of the line or after white space starts a comment; one inside a name (a folder {@code pc#1}) does not. */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) return i;
        }
        return -1;
    }
}
