package prestage.shell.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jline.reader.Candidate;
import prestage.dsl.RecipeFacts;
import prestage.dsl.RecipeRunner;
import prestage.dsl.RecipeSearchPath;
import prestage.shell.run.RecipeCache;

/** Recipe names from the search path ({@code run}, {@code show}), and for {@code run NAME -p} the parameters NAME declares. */
final class RecipeCompleter {
    private final RecipeSearchPath searchPath = RecipeSearchPath.fromEnvironment();

    void names(List<Candidate> candidates) {
        for (RecipeSearchPath.Entry e : searchPath.list()) {
            if (e.shadowedBy() != null) continue;
            candidates.add(new Candidate(e.name(), e.name(), "recipes", e.path().toString(), null, null, true));
        }
    }

    /** {@code NAME=} for each parameter the recipe declares, with its description. */
    void parameters(String recipe, List<Candidate> candidates) {
        if (recipe == null) return;
        try {
            Path file = searchPath.find(recipe).orElse(Path.of(recipe));
            var loaded = new RecipeRunner(RecipeCache.compiler(), searchPath).load(file, Map.of());
            for (RecipeFacts.Declared d : loaded.declared()) {
                String about = d.description() + (d.required() ? " (required)" : d.fallback() != null ? " (default: " + d.fallback() + ")" : "");
                candidates.add(new Candidate(d.name() + "=", d.name(), null, about.strip(), null, null, false));
            }
        } catch (RuntimeException e) {
            // a recipe that is not there or does not compile has no parameters to offer; run says why
        }
    }
}
