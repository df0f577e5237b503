package prestage.shell.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * The packages of every module, as the JDK's jdeps sees the compiled classes, depend on each other without a cycle,
 * and core's root package depends on none of them: a package can be read, and replaced, from the bottom up. It runs
 * in the shell module, the last one built, so every module's classes are there.
 */
class PackageCycleTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(prestage[\\w.]*)\\s+->\\s+(prestage[\\w.]*)\\s");
    private static final List<String> MODULES = List.of("smbd", "core", "dsl", "smb", "shell");

    @Test
    void packagesFormNoCycleInAnyModuleAndCoresRootIsALeaf() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String module : MODULES) {
            Path classes = Path.of("..", module, "target", "classes");
            assertTrue(Files.isDirectory(classes.resolve("prestage")), "run from the shell module after building " + module);
            var out = new StringWriter();
            int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none", classes.toString());
            assertEquals(0, status, out.toString());
            out.toString().lines().map(EDGE::matcher).filter(java.util.regex.Matcher::find).forEach(m -> {
                if (!m.group(1).equals(m.group(2))) uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            });
        }
        for (String module : MODULES) {
            if (module.equals("smbd")) continue; // the leaf: it imports nothing of prestage, so jdeps lists no edge of it
            assertTrue(uses.keySet().stream().anyMatch(p -> p.startsWith("prestage." + module + ".") || p.equals("prestage." + module)),
                    "jdeps listed " + module + "'s packages: " + uses.keySet());
        }
        assertEquals(Set.of(), uses.getOrDefault("prestage.smbd", Set.of()), "prestage-smbd imports nothing of prestage");
        assertEquals(Set.of(), uses.getOrDefault("prestage.core", Set.of()), "the root package holds base types only");
        assertEquals(List.of(), cycles(uses), "package cycles");
    }

    /** Tarjan's strongly connected components with more than one package. */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        var found = new ArrayList<Set<String>>();
        int[] next = {0};
        var all = new TreeSet<String>(uses.keySet());
        uses.values().forEach(all::addAll);
        for (String p : all) {
            if (!index.containsKey(p)) visit(p, uses, index, low, stack, onStack, found, next);
        }
        return found;
    }

    private static void visit(String v, Map<String, Set<String>> uses, Map<String, Integer> index, Map<String, Integer> low,
                              Deque<String> stack, Set<String> onStack, List<Set<String>> found, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, uses, index, low, stack, onStack, found, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            var component = new TreeSet<String>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.add(component);
        }
    }
}
