package prestage.shell.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.BadInputException;
import prestage.dsl.RecipeException;
import prestage.dsl.RecipeFacts;
import prestage.dsl.RecipeRunner;

@Command(name = "run",
        description = {"Run a recipe: a Groovy script whose statements are prestage's verbs.",
                "  prestage run scripts/medv-prestage.groovy --target /mnt/c -p source=/srv/images",
                "  prestage run medv-prestage --help      (a name from 'prestage recipes'; --help lists its parameters)",
                "Before the first step, the recipe and the recipes it includes are compiled and checked: every parameter"
                        + " it reads is given, and verb arguments written in the recipe parse (ACLs, registry values, MSI"
                        + " properties, push sources). A problem there changes nothing (exit status 2).",
                "A recipe is code. --what-if plans every prestage verb and changes nothing through them, but it cannot"
                        + " stop the recipe's own Groovy code (files it writes, programs it starts) from running. Read a"
                        + " recipe you were given first: prestage show RECIPE."})
final class RunCommand extends VerbCommand {
    @Option(names = {"-h", "--help"}, description = "Show this help; with RECIPE, also the parameters it takes.")
    boolean help;

    @Parameters(paramLabel = "RECIPE", arity = "0..1", description = "The recipe: a .groovy file, or a name from 'prestage recipes'.")
    String recipe;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A value the recipe reads as params.NAME; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (help) return help();
        try (var session = Session.open(spec, false)) {
            RecipeRunner runner = RecipeFiles.runner();
            try {
                Path path = RecipeFiles.locate(recipe);
                runner.run(runner.load(path, params), session.verbs(), params, session.out(), session.options().whatIf());
            } catch (RuntimeException e) {
                return session.stopped(e);
            }
            return session.finish(null);
        }
    }

    private int help() {
        var out = spec.commandLine().getOut();
        spec.commandLine().usage(out);
        if (recipe == null) return 0;
        try {
            var loaded = RecipeFiles.runner().load(RecipeFiles.locate(recipe), params);
            out.println();
            out.println(ParameterHelp.text(loaded));
            out.flush();
            return 0;
        } catch (RecipeException | BadInputException e) {
            spec.commandLine().getErr().println("prestage: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }

    /** The parameters section of {@code run RECIPE --help}. */
    static final class ParameterHelp {
        private ParameterHelp() {
        }

        static String text(RecipeRunner.Loaded loaded) {
            var main = loaded.main();
            var sb = new StringBuilder();
            sb.append(main.source().fileName()).append(" (").append(main.source().path().toAbsolutePath()).append(")\n");
            if (!main.facts().description().isEmpty()) sb.append("  ").append(main.facts().description()).append('\n');
            var rows = new LinkedHashMap<String, String>();
            for (RecipeFacts.Declared d : loaded.declared()) {
                String how = d.required() ? "required" : d.fallback() != null ? "default: " + d.fallback() : "optional";
                rows.put(d.name(), (d.description().isEmpty() ? "" : d.description() + " ") + "(" + how + ")");
            }
            for (RecipeFacts f : loaded.facts()) {
                for (RecipeFacts.Read r : f.reads()) {
                    if (rows.containsKey(r.name())) continue;
                    boolean optional = r.hasDefault() || f.tested().contains(r.name());
                    rows.put(r.name(), "(" + (optional ? "optional" : "required") + "; read in " + f.file() + ", line " + r.line() + ")");
                }
            }
            if (rows.isEmpty()) {
                sb.append("It takes no parameters.");
                return sb.toString();
            }
            sb.append("Parameters (-p NAME=VALUE):\n");
            int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            rows.forEach((name, about) -> sb.append("  ").append(String.format("%-" + width + "s", name)).append(about).append('\n'));
            return sb.toString().stripTrailing();
        }
    }
}
