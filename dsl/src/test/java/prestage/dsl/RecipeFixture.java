package prestage.dsl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

/** What recipe tests share: a folder for the recipe files, verbs that record their calls, and what println printed. */
abstract class RecipeFixture {
    @TempDir
    Path dir;

    final RecordingVerbs verbs = new RecordingVerbs();
    final StringWriter printed = new StringWriter();

    /** Writes {@code text} to {@code dir/name} and runs it as a recipe. */
    Object run(String name, String text, Map<String, String> params) throws IOException {
        Path recipe = dir.resolve(name);
        Files.writeString(recipe, text);
        return runFile(recipe, params);
    }

    Object runFile(Path recipe, Map<String, String> params) {
        return new RecipeRunner(new RecipeCompiler(dir.resolve("cache"))).run(recipe, verbs, params, new PrintWriter(printed), false);
    }
}
