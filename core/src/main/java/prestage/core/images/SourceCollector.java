package prestage.core.images;

import prestage.core.OptionWords;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import prestage.core.BadInputException;

/**
 * Turns {@code SOURCE...} into the files to push. A folder contributes the files directly in it that match
 * the include globs (the store is flat, so subfolders are not searched); a file named on its own is pushed
 * whatever its name, with a warning when no glob matches it. Symbolic links are followed: a link to an image
 * is pushed as a file under the link's name; a link that leads nowhere is an error.
 */
final class SourceCollector {
    private final ImageNames names;

    private final Consumer<String> warn;

    /** Sources are files on this machine, named as this machine names them. */
    SourceCollector(ImageNames names, Consumer<String> warn) {
        this.names = names;
        this.warn = warn;
    }

    /** @throws IOException when a source cannot be read (listed, or its attributes read) */
    List<SourceFile> collect(List<String> sources) throws IOException {
        if (sources == null || sources.isEmpty()) {
            throw new BadInputException("push: no " + OptionWords.argument("from", "SOURCE") + " given; name the image files or the folders that hold them");
        }
        Map<String, SourceFile> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String spec : sources) {
            Path path;
            try {
                path = Path.of(spec).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInputException("push: source '" + ImageNames.printable(spec) + "' is not a valid path (" + e.getReason() + ")");
            }
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException("push: source '" + spec + "' does not exist" + (spec.equals(path.toString()) ? "" : " (" + path + ")")
                        + "; check the path");
            }
            requireLinkLeadsSomewhere(path, "push: source '" + spec + "'");
            if (Files.isDirectory(path)) {
                int found = 0;
                for (Path child : children(path)) {
                    String name = child.getFileName().toString();
                    if (!names.included(name) || Files.isDirectory(child)) continue;
                    requireLinkLeadsSomewhere(child, "push: " + child);
                    add(byName, file(child, false));
                    found++;
                }
                if (found == 0) warn.accept("push: no file in " + path + " matches " + String.join(", ", names.globs()));
            } else {
                SourceFile f = file(path, true);
                if (!names.included(f.name())) {
                    warn.accept("push: " + f.name() + " does not match " + String.join(", ", names.globs()) + "; pushing it because it was named");
                }
                add(byName, f);
            }
        }
        if (byName.isEmpty()) {
            throw new BadInputException("push: nothing to push: no file in " + String.join(", ", sources) + " matches "
                    + String.join(", ", names.globs()) + "; name the files, or give " + OptionWords.named("include") + " patterns");
        }
        return List.copyOf(byName.values());
    }

    private SourceFile file(Path path, boolean named) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("push: " + path + " is not a regular file (a device, pipe or socket?); name image files or folders");
        }
        String name = path.getFileName().toString();
        ImageNames.requireValid(name, "push: " + path);
        if (StoreFiles.isManifest(name) || StoreFiles.isWorkFile(name)) {
            throw new BadInputException("push: " + path + " has a name push keeps for itself; rename it");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".ckm") && Files.size(path) == 0) {
            // a 0-byte image is a failed download or copy; the client would fail on it long after prestaging
            throw new BadInputException("push: " + path + " is empty (0 bytes); an image never is: copy it again from its source");
        }
        return new SourceFile(path, name, FileFingerprint.of(path), named);
    }

    private static void add(Map<String, SourceFile> byName, SourceFile f) throws IOException {
        SourceFile earlier = byName.get(f.name());
        if (earlier == null) {
            byName.put(f.name(), f);
        } else if (!Files.isSameFile(earlier.path(), f.path())) {
            throw new BadInputException("push: two sources would both be " + f.name() + " in the store (" + earlier.path() + " and " + f.path()
                    + (earlier.name().equals(f.name()) ? "" : "; Windows does not tell names apart by case") + "); push one of them");
        }
    }

    private static void requireLinkLeadsSomewhere(Path path, String what) throws IOException {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            throw new BadInputException(what + " is a symbolic link to " + Files.readSymbolicLink(path)
                    + ", which does not exist; fix the link or name the file itself");
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        var out = new ArrayList<Path>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        out.sort((a, b) -> a.getFileName().toString().toLowerCase(Locale.ROOT).compareTo(b.getFileName().toString().toLowerCase(Locale.ROOT)));
        return out;
    }
}
