package prestage.dsl;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a recipe's syntax tree says about it, read at compile time and kept with its bytecode: its declared
 * description and parameters, the parameters it reads, the verbs it calls with their arguments, the recipes it
 * includes. {@code prestage show} prints it; {@link Preflight} checks it before the recipe runs.
 */
public record RecipeFacts(String file, String description, List<Declared> declared, List<Read> reads, Set<String> tested,
                          List<Call> calls, List<Include> includes) implements Serializable {

    /** {@code param 'source', 'the folder with the images', default: 'x', required: false}. */
    public record Declared(String name, String description, String fallback, boolean required, int line) implements Serializable {
    }

    /** {@code params.x}, {@code params['x']}, {@code params.get('x')}: required; {@code params.get('x', d)}: has a default. */
    public record Read(String name, int line, boolean hasDefault) implements Serializable {
    }

    /** A verb called by name: {@code acl}, {@code registry.set}, {@code push} ... with its arguments. */
    public record Call(String verb, int line, Map<String, Arg> named, List<Arg> positional) implements Serializable {
    }

    public record Include(Arg path, int line) implements Serializable {
    }

    /** Parameter names, in order: declared ones first, then those only read. */
    public Set<String> parameterNames() {
        var names = new LinkedHashSet<String>();
        declared.forEach(d -> names.add(d.name()));
        reads.forEach(r -> names.add(r.name()));
        return names;
    }

    /** The verbs called, each with the lines it is called on. */
    public Map<String, List<Integer>> verbLines() {
        var out = new LinkedHashMap<String, List<Integer>>();
        for (Call c : calls) out.computeIfAbsent(c.verb(), k -> new java.util.ArrayList<>()).add(c.line());
        return out;
    }
}
