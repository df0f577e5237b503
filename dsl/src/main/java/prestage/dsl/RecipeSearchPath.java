package prestage.dsl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where recipes are found by name: the folders in {@code PRESTAGE_RECIPES} (separated by the platform's path
 * separator), the user's folder ({@code $XDG_CONFIG_HOME/prestage/recipes}, else {@code ~/.config/prestage/recipes}),
 * then the recipes shipped with prestage (the project's {@code scripts/}). The first folder that has a name wins.
 */
public final class RecipeSearchPath {
    private final List<Path> dirs;

    public RecipeSearchPath(List<Path> dirs) {
        this.dirs = List.copyOf(new LinkedHashSet<>(dirs));
    }

    /** The search path this process sees, from its environment and where prestage is installed. */
    public static RecipeSearchPath fromEnvironment() {
        return of(System.getenv(), System.getProperty("user.home"), shipped());
    }

    static RecipeSearchPath of(Map<String, String> env, String home, Optional<Path> shipped) {
        var dirs = new ArrayList<Path>();
        String extra = env.get("PRESTAGE_RECIPES");
        if (extra != null) {
            for (String d : extra.split(java.io.File.pathSeparator)) if (!d.isBlank()) dirs.add(Path.of(d));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        dirs.add(config.resolve("prestage").resolve("recipes"));
        shipped.ifPresent(dirs::add);
        return new RecipeSearchPath(dirs);
    }

    /** The system property a launcher sets to the folder prestage is installed in (the clone, or /opt/prestage). */
    public static final String HOME_PROPERTY = "prestage.home";

    /**
     * The recipes shipped with prestage: {@code scripts/} of the folder the launcher names in {@value #HOME_PROPERTY},
     * else of the first folder above prestage's jar that has one. The jar's own folder is not enough: the clone runs
     * {@code shell/target/lib/prestage-dsl.jar} (three levels below {@code scripts/}), a release
     * {@code /opt/prestage/lib/prestage-dsl.jar} (one level).
     */
    static Optional<Path> shipped() {
        return shipped(System.getProperty(HOME_PROPERTY), codeLocation());
    }

    static Optional<Path> shipped(String home, Path code) {
        if (home != null && !home.isBlank()) {
            Path scripts = Path.of(home).resolve("scripts");
            if (isShipped(scripts)) return Optional.of(scripts);
        }
        // the jar itself, lib/, target/, shell/, the clone: no further, where a stranger's scripts/ could be
        Path p = code;
        for (int up = 0; up <= 4 && p != null; up++, p = p.getParent()) {
            Path scripts = p.resolve("scripts");
            if (isShipped(scripts)) return Optional.of(scripts);
        }
        return Optional.empty();
    }

    private static boolean isShipped(Path scripts) {
        return Files.isRegularFile(scripts.resolve("medv-prestage.groovy"));
    }

    /** The jar or classes folder this class was loaded from; null where prestage cannot tell where it is installed. */
    private static Path codeLocation() {
        try {
            var source = RecipeSearchPath.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            return null;
        }
    }

    public List<Path> dirs() {
        return dirs;
    }

    /** {@code name} or {@code name.groovy} in the first folder that has it. */
    public Optional<Path> find(String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) return Optional.empty();
        for (Path dir : dirs) {
            for (String candidate : name.endsWith(".groovy") ? List.of(name) : List.of(name + ".groovy", name)) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A recipe on the path; {@code shadowedBy} names the earlier one that hides it, if any. */
    public record Entry(String name, Path path, Path shadowedBy) {
    }

    /** Every .groovy file in the folders, in search order. */
    public List<Entry> list() {
        var out = new ArrayList<Entry>();
        var seen = new java.util.HashMap<String, Path>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            var files = new ArrayList<Path>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.groovy")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                continue;
            }
            files.sort(null);
            for (Path f : files) {
                if (!Files.isRegularFile(f)) continue;
                String name = f.getFileName().toString().replaceFirst("\\.groovy$", "");
                out.add(new Entry(name, f, seen.get(name)));
                seen.putIfAbsent(name, f);
            }
        }
        return out;
    }
}
