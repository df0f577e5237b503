package prestage.shell.cli;

import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import prestage.core.BadInputException;
import prestage.core.outcome.Outcome;
import prestage.dsl.RecipeException;
import prestage.dsl.RecipeFacts;
import prestage.dsl.RecipeRunner;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show a recipe before running it: its path, SHA-256, the parameters it reads, the verbs it calls,"
                + " the recipes it includes, and its source. Nothing runs.",
                "A recipe is code: --what-if stops prestage's verbs, not the recipe's own Groovy code.",
                "  prestage show scripts/medv-prestage.groovy",
                "  prestage show repair --json"})
final class ShowCommand implements Callable<Integer> {
    @Mixin(name = "global")
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RECIPE", description = "A .groovy file, or a name from 'prestage recipes'.")
    String recipe;

    @Override
    public Integer call() {
        boolean json = GlobalOptions.merged(spec).json();
        var out = spec.commandLine().getOut();
        RecipeRunner.Loaded loaded;
        try {
            loaded = RecipeFiles.runner().load(RecipeFiles.locate(recipe), Map.of());
        } catch (RecipeException | BadInputException e) {
            Failure f = Failure.of(e, false);
            spec.commandLine().getErr().println("prestage: " + f.message());
            spec.commandLine().getErr().flush();
            if (json) out.println(RecipeFiles.errorJson("prestage show", f.message(), f.exit()));
            out.flush();
            return f.exit();
        }
        if (json) {
            out.println(RecipeFiles.json(document(loaded)));
        } else {
            out.print(text(loaded));
        }
        out.flush();
        return Outcome.EXIT_DONE;
    }

    private static Map<String, Object> document(RecipeRunner.Loaded loaded) {
        var main = loaded.main();
        var doc = RecipeFiles.map();
        doc.put("command", "prestage show");
        doc.put("path", main.source().path().toAbsolutePath().toString());
        doc.put("sha256", main.source().sha256());
        doc.put("description", main.facts().description());
        doc.put("parameters", parameters(loaded));
        var verbs = RecipeFiles.map();
        main.facts().verbLines().forEach(verbs::put);
        doc.put("verbs", verbs);
        var includes = new ArrayList<Map<String, Object>>();
        for (var r : loaded.recipes().subList(1, loaded.recipes().size())) {
            var m = RecipeFiles.map();
            m.put("path", r.source().path().toAbsolutePath().toString());
            m.put("sha256", r.source().sha256());
            var v = RecipeFiles.map();
            r.facts().verbLines().forEach(v::put);
            m.put("verbs", v);
            includes.add(m);
        }
        doc.put("includes", includes);
        doc.put("source", main.source().text());
        doc.put("exitCode", Outcome.EXIT_DONE);
        return doc;
    }

    private static List<Map<String, Object>> parameters(RecipeRunner.Loaded loaded) {
        var out = new ArrayList<Map<String, Object>>();
        var seen = new java.util.HashSet<String>();
        for (var d : loaded.declared()) {
            var m = RecipeFiles.map();
            m.put("name", d.name());
            m.put("description", d.description());
            m.put("required", d.required());
            m.put("default", d.fallback());
            m.put("declaredOnLine", d.line());
            out.add(m);
            seen.add(d.name());
        }
        for (RecipeFacts f : loaded.facts()) {
            for (var r : f.reads()) {
                if (!seen.add(r.name())) continue;
                var m = RecipeFiles.map();
                m.put("name", r.name());
                m.put("required", !r.hasDefault() && !f.tested().contains(r.name()));
                m.put("readIn", f.file());
                m.put("line", r.line());
                out.add(m);
            }
        }
        return out;
    }

    private static String text(RecipeRunner.Loaded loaded) {
        var main = loaded.main();
        var sb = new StringBuilder();
        sb.append("recipe      ").append(main.source().path().toAbsolutePath()).append('\n');
        sb.append("sha256      ").append(main.source().sha256()).append('\n');
        if (!main.facts().description().isEmpty()) sb.append("about       ").append(main.facts().description()).append('\n');
        var params = parameters(loaded);
        sb.append("parameters  ").append(params.isEmpty() ? "none" : "").append('\n');
        for (var p : params) {
            String how = Boolean.TRUE.equals(p.get("required")) ? "required" : p.get("default") != null ? "default " + p.get("default") : "optional";
            sb.append("  ").append(String.format("%-12s", p.get("name"))).append(how);
            if (p.get("description") != null && !p.get("description").toString().isEmpty()) sb.append("  ").append(p.get("description"));
            if (p.get("line") != null) sb.append("  (").append(p.get("readIn")).append(", line ").append(p.get("line")).append(')');
            sb.append('\n');
        }
        sb.append("verbs       ").append(main.facts().calls().isEmpty() ? "none" : "").append('\n');
        main.facts().verbLines().forEach((verb, lines) -> sb.append("  ").append(String.format("%-14s", verb)).append(lines.size() == 1 ? "line " : "lines ")
                .append(lines.stream().map(String::valueOf).collect(Collectors.joining(", "))).append('\n'));
        for (var r : loaded.recipes().subList(1, loaded.recipes().size())) {
            sb.append("includes    ").append(r.source().path().toAbsolutePath()).append("  sha256 ").append(r.source().sha256()).append('\n');
        }
        sb.append("note        a recipe is code: --what-if stops prestage's verbs, not the recipe's own Groovy code\n");
        sb.append("----- ").append(main.source().fileName()).append(" -----\n");
        sb.append(main.source().text());
        if (!main.source().text().endsWith("\n")) sb.append('\n');
        return sb.toString();
    }
}
