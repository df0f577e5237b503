package prestage.shell.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;

import prestage.core.BadInputException;

/**
 * Whether {@code --results FILE} may be written: never over one of the run's inputs (the recipe, the targets file, the
 * inventory, a file or folder a parameter names, such as the images to push), and never over a file that exists and
 * is not the results of a fleet run of prestage (a journal, or a {@code --json} document). Checked before any client is
 * touched, so a slip of the tongue ({@code --results hosts.txt}) changes nothing.
 */
final class ResultsTarget {
    private ResultsTarget() {
    }

    /**
     * @param inputs the run's input files and folders by what they are ("the recipe", "--targets") and path
     */
    static void check(Path file, Collection<Input> inputs) {
        Path where = canonical(file);
        for (Input in : inputs) {
            Path p = canonical(in.path());
            if (p == null) continue;
            if (where.equals(p)) {
                throw new BadInputException("--results " + file + " is " + in.what() + " of this run; writing the results there would destroy it,"
                        + " give another file");
            }
            String name = where.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (Files.isDirectory(p) && where.startsWith(p) && (name.endsWith(".ckm") || name.endsWith(".index"))) {
                throw new BadInputException("--results " + file + " would be an image in " + p + ", " + in.what() + " of this run;"
                        + " give a file outside it");
            }
        }
        if (Files.isDirectory(file)) throw new BadInputException("--results " + file + " is a folder; give a file");
        try {
            if (Files.exists(file) && Files.size(file) > 0 && !RetryFile.isResults(file)) {
                throw new BadInputException("--results " + file + " exists and is not the results of a prestage fleet run; it is left as it is:"
                        + " give a new file (or remove this one)");
            }
        } catch (IOException e) {
            throw new BadInputException("--results " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** An input of the run: a file or folder, and how to name it in a message. */
    record Input(String what, Path path) {
        /** A parameter's value when it names a file or folder that exists; null otherwise. */
        static Input ofParam(String name, String value) {
            if (value == null || value.isBlank()) return null;
            try {
                Path p = Path.of(value);
                return Files.exists(p) ? new Input("the file or folder parameter '" + name + "' names", p) : null;
            } catch (InvalidPathException e) {
                return null;
            }
        }
    }

    static Collection<Input> inputs(Path recipe, Path targetsFile, String inventory, Collection<java.util.Map<String, String>> params) {
        var inputs = new LinkedHashSet<Input>();
        if (recipe != null) inputs.add(new Input("the recipe", recipe));
        if (targetsFile != null) inputs.add(new Input("the --targets file", targetsFile));
        if (inventory != null) {
            for (String part : inventory.split(",")) {
                Input in = Input.ofParam("", part.strip());
                if (in != null) inputs.add(new Input("the --inventory", in.path()));
            }
        }
        for (var map : params) {
            map.forEach((name, value) -> {
                Input in = Input.ofParam(name, value);
                if (in != null) inputs.add(in);
            });
        }
        return inputs;
    }

    /** The path with links and {@code ..} resolved as far as it exists (a file still to be written: its folder resolved). */
    private static Path canonical(Path p) {
        try {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.exists(abs)) return abs.toRealPath();
            Path parent = abs.getParent();
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }
}
