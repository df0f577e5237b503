package prestage.shell.cli;

import prestage.shell.run.GlobalOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import prestage.core.outcome.Outcome;
import prestage.dsl.RecipeException;
import prestage.dsl.RecipeSearchPath;
import prestage.shell.run.RecipeCache;

@Command(name = "recipes", mixinStandardHelpOptions = true,
        description = {"List the recipes on the search path, one line each: its name, what it does, where it is.",
                "The search path: the folders in PRESTAGE_RECIPES, then $XDG_CONFIG_HOME/prestage/recipes"
                        + " (~/.config/prestage/recipes), then the recipes shipped with prestage. The first of a name wins:"
                        + " prestage run NAME runs it."})
final class RecipesCommand implements Callable<Integer> {
    @Mixin(name = "global")
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RecipeSearchPath path = RecipeFiles.searchPath();
        var compiler = RecipeCache.compiler();
        var rows = new ArrayList<Map<String, Object>>();
        for (var entry : path.list()) {
            var row = RecipeFiles.map();
            row.put("name", entry.name());
            String description;
            try {
                var source = prestage.dsl.RecipeSource.read(entry.path());
                description = compiler.compileRecipe(source.fileName(), source.text()).facts().description();
            } catch (RecipeException | prestage.core.BadInputException e) {
                description = "(does not compile: " + e.getMessage() + ")";
            }
            row.put("description", description);
            row.put("path", entry.path().toAbsolutePath().toString());
            row.put("hiddenBy", entry.shadowedBy() == null ? null : entry.shadowedBy().toAbsolutePath().toString());
            rows.add(row);
        }
        var out = spec.commandLine().getOut();
        if (GlobalOptions.merged(spec).json()) {
            var doc = RecipeFiles.map();
            doc.put("command", "prestage recipes");
            doc.put("searchPath", path.dirs().stream().map(Path::toString).toList());
            doc.put("recipes", rows);
            doc.put("exitCode", Outcome.EXIT_DONE);
            out.println(RecipeFiles.json(doc));
        } else {
            int width = rows.stream().mapToInt(r -> r.get("name").toString().length()).max().orElse(0) + 2;
            for (var r : rows) {
                out.println(String.format("%-" + width + "s", r.get("name")) + r.get("description") + "  [" + r.get("path") + "]"
                        + (r.get("hiddenBy") == null ? "" : " (hidden by " + r.get("hiddenBy") + ")"));
            }
            if (rows.isEmpty()) spec.commandLine().getErr().println("prestage: no recipes on the search path " + path.dirs());
        }
        out.flush();
        return Outcome.EXIT_DONE;
    }
}
