package prestage.shell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import prestage.core.BadInputException;
import prestage.dsl.RecipeRunner;
import prestage.dsl.RecipeSearchPath;
import prestage.shell.run.RecipeCache;

/** What run, show and recipes share: the search path, the runner, and how a RECIPE argument names a file. */
final class RecipeFiles {
    private RecipeFiles() {
    }

    static RecipeSearchPath searchPath() {
        return RecipeSearchPath.fromEnvironment();
    }

    static RecipeRunner runner() {
        return new RecipeRunner(RecipeCache.compiler(), searchPath());
    }

    /** A file path as given, else (a bare name) the first recipe of that name on the search path. */
    static Path locate(String recipe) {
        if (recipe == null || recipe.isBlank()) {
            throw new BadInputException("give the recipe: a .groovy file or a name from 'prestage recipes'");
        }
        Path given = Path.of(recipe);
        if (Files.exists(given) || recipe.contains("/") || recipe.contains("\\")) return given;
        var path = searchPath();
        return path.find(recipe).orElseThrow(() -> new BadInputException("recipe '" + recipe + "' is neither a file nor a recipe on the search path ("
                + String.join(java.io.File.pathSeparator, path.dirs().stream().map(Path::toString).toList()) + "); see 'prestage recipes'"));
    }

    /** One JSON document, for show and recipes with --json. */
    static String json(Object document) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String errorJson(String command, String message, int exit) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("command", command);
        doc.put("error", message);
        doc.put("exitCode", exit);
        return json(doc);
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}
