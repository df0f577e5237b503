package prestage.shell.console;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import groovy.lang.MetaMethod;
import groovy.lang.MetaProperty;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.reader.Candidate;
import prestage.dsl.Grammar;

/**
 * Completion inside a Groovy statement, as groovysh offers it: the console's variables, the recipe verbs, and after
 * a dot the properties and methods of the value so far ({@code s.pre} offers {@code s.prestaged}). Only variables
 * and their properties are read; nothing is called that takes arguments.
 */
final class GroovyCompleter {
    /** The identifier chain the word ends with, and what the last part has so far: {@code println(s.pre}. */
    private static final Pattern CHAIN = Pattern.compile("([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)?(\\.?)([A-Za-z_]\\w*)?$");
    /** The recipe verbs, then what else a recipe has in scope. */
    static final List<String> DSL = Stream.concat(Grammar.words().stream(), Stream.of("params", "medv", "whatIf", "println")).toList();
    private final Supplier<Map<String, Object>> variables;

    /** @param variables the console's variables now; empty until Groovy has loaded */
    GroovyCompleter(Supplier<Map<String, Object>> variables) {
        this.variables = variables;
    }

    void complete(String word, List<Candidate> candidates) {
        Matcher m = CHAIN.matcher(word);
        if (!m.find()) return;
        String chain = m.group(1);
        boolean dotted = !m.group(2).isEmpty();
        String before = word.substring(0, m.start());
        Map<String, Object> vars = variables.get();
        if (chain == null || (!dotted && !chain.contains("."))) {
            String start = chain == null ? "" : chain;
            for (String name : vars.keySet()) add(candidates, before + name, name, "variables", start);
            for (String verb : DSL) add(candidates, before + verb, verb, "verbs", start);
            return;
        }
        String head = dotted ? chain : chain.substring(0, chain.lastIndexOf('.'));
        String typed = dotted ? (m.group(3) == null ? "" : m.group(3)) : chain.substring(chain.lastIndexOf('.') + 1);
        Object value = valueOf(head, vars);
        if (value == null) return;
        for (String member : members(value)) {
            if (member.startsWith(typed)) {
                candidates.add(new Candidate(before + head + "." + member, member, value.getClass().getSimpleName(), null, null, null, false));
            }
        }
    }

    private static void add(List<Candidate> candidates, String value, String display, String group, String start) {
        if (display.startsWith(start)) candidates.add(new Candidate(value, display, group, null, null, null, true));
    }

    /** {@code s.store.root}: the variable, then each property in turn; null when any step is unknown. */
    private static Object valueOf(String chain, Map<String, Object> vars) {
        String[] parts = chain.split("\\.");
        if (!vars.containsKey(parts[0])) return null;
        Object value = vars.get(parts[0]);
        try {
            for (int i = 1; i < parts.length && value != null; i++) value = InvokerHelper.getProperty(value, parts[i]);
        } catch (RuntimeException e) {
            return null;
        }
        return value;
    }

    /** Properties, then methods (with a bracket), without Object's plumbing. */
    static TreeSet<String> members(Object value) {
        var names = new TreeSet<String>();
        var meta = InvokerHelper.getMetaClass(value);
        for (MetaProperty p : meta.getProperties()) {
            if (!p.getName().equals("class") && !p.getName().equals("metaClass")) names.add(p.getName());
        }
        for (MetaMethod mm : meta.getMethods()) {
            if (!mm.isPublic() || mm.isStatic() || mm.getDeclaringClass().getTheClass() == Object.class) continue;
            String n = mm.getName();
            if (names.contains(n)) continue; // a record's accessor: already offered as the property
            if (n.startsWith("get") || n.startsWith("set") || n.startsWith("$") || n.equals("invokeMethod")) continue;
            names.add(n + "(");
        }
        return names;
    }
}
