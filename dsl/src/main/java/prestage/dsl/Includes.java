package prestage.dsl;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import groovy.lang.Binding;
import groovy.lang.Script;
import prestage.core.BadInputException;

/**
 * The recipes one run has included: each runs once, in the run's binding, and stays available for the methods it
 * defines. Recipes included by a literal name were compiled and checked before the run started; one whose name is
 * computed is compiled and checked when it is included.
 */
final class Includes {
    private final RecipeRunner runner;
    private final Map<Path, RecipeRunner.Recipe> preloaded;
    private final Map<String, String> params;
    private final Binding binding;
    private final Map<Path, Script> instances = new LinkedHashMap<>();
    private final Map<Script, Path> origin = new IdentityHashMap<>();
    private final Deque<Path> running = new ArrayDeque<>();
    private final Set<String> files = new LinkedHashSet<>();

    Includes(RecipeRunner runner, Map<Path, RecipeRunner.Recipe> preloaded, Map<String, String> params, Binding binding) {
        this.runner = runner;
        this.preloaded = preloaded;
        this.params = params;
        this.binding = binding;
        preloaded.values().forEach(r -> files.add(r.source().fileName()));
    }

    /** The main recipe, so includes can be found beside it. */
    void main(Script script, Path real) {
        origin.put(script, real);
        running.push(real);
    }

    Object include(Script from, String name) {
        Path fromFile = origin.get(from);
        if (name == null || name.isBlank()) throw new BadInputException("include: give the file of a recipe, e.g. include 'common.groovy'");
        Path real = RecipeRunner.realPath(runner.resolveInclude(fromFile, name));
        Script done = instances.get(real);
        if (done != null) return done;
        if (running.contains(real)) {
            throw new BadInputException("include '" + name + "' would include itself again (" + real.getFileName() + " is already being run)");
        }
        RecipeRunner.Recipe recipe = preloaded.get(real);
        if (recipe == null) {
            recipe = runner.compile(RecipeSource.read(real));
            files.add(recipe.source().fileName());
            Preflight.check(List.of(recipe.facts()), params);
        }
        Script script = RecipeRunner.instantiate(recipe);
        script.setBinding(binding);
        origin.put(script, real);
        running.push(real);
        try {
            script.run();
        } finally {
            running.pop();
        }
        instances.put(real, script);
        return script;
    }

    List<Script> loaded() {
        return new ArrayList<>(instances.values());
    }

    /** The file names of every recipe this run compiled, to find the recipe's own line in a stack. */
    Set<String> files() {
        return files;
    }
}
