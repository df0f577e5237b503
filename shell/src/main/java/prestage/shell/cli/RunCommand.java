package prestage.shell.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.dsl.RecipeRunner;
import prestage.shell.RecipeCache;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a recipe: a Groovy script whose statements are prestage's verbs.",
                "  prestage run scripts/medv-prestage.groovy --target /mnt/c -p source=/srv/images"})
final class RunCommand extends VerbCommand {
    @Parameters(paramLabel = "RECIPE", description = "The recipe file (.groovy).")
    Path recipe;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A value the recipe reads as params.NAME; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        try (var session = Session.open(spec, false)) {
            try {
                new RecipeRunner(RecipeCache.compiler()).run(recipe, session.verbs(), params, session.out(), session.options().whatIf());
            } catch (RuntimeException e) {
                return stopped(session, e);
            }
            return session.finish(null);
        }
    }
}
