package prestage.shell.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;

/**
 * Decides what a console line is: a verb with arguments (run through the same command tree as the
 * one-shot CLI), {@code help}, or a Groovy statement. Arguments that name console variables
 * ({@code s.root}) or are {@code ${expression}} are replaced by their values.
 */
final class LineDispatcher {
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final Pattern GROOVY_USE_OF_VERB = Pattern.compile("^[A-Za-z_]\\w*\\s*(\\(|=[^=]|\\.)");
    private final CommandLine commands;
    private final CompletableFuture<GroovyStatements> groovy;
    private final PrintWriter out;
    private final DefaultParser parser = new DefaultParser();

    LineDispatcher(CommandLine commands, CompletableFuture<GroovyStatements> groovy, PrintWriter out) {
        this.commands = commands;
        this.groovy = groovy;
        this.out = out;
        parser.setEscapeChars(new char[0]);
    }

    int dispatch(String line) {
        List<String> words = parser.parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) return 0;
        String first = words.get(0);
        if (first.equals("help") || first.equals("?")) return help(words);
        if (commands.getSubcommands().containsKey(first) && !GROOVY_USE_OF_VERB.matcher(line).find()) {
            return command(words);
        }
        return groovy.join().evaluate(line);
    }

    private int command(List<String> words) {
        var args = new ArrayList<String>();
        args.add(words.get(0));
        for (String w : words.subList(1, words.size())) args.add(expand(w));
        return commands.execute(args.toArray(String[]::new));
    }

    private String expand(String word) {
        if (word.startsWith("${") && word.endsWith("}")) {
            return String.valueOf(groovy.join().value(word.substring(2, word.length() - 1)));
        }
        if (!REFERENCE.matcher(word).matches() || !groovy.isDone()) return word;
        String head = word.contains(".") ? word.substring(0, word.indexOf('.')) : word;
        GroovyStatements g = groovy.join();
        return g.hasVariable(head) ? String.valueOf(g.value(word)) : word;
    }

    private int help(List<String> words) {
        if (words.size() == 1) {
            out.println("Commands (each takes -h for its options):");
            commands.getSubcommands().forEach((name, sub) -> {
                String[] description = sub.getCommandSpec().usageMessage().description();
                out.printf("  %-9s %s%n", name, description.length > 0 ? description[0] : "");
            });
            out.println("  help VERB  the usage of one command");
            out.println("  exit       leave the console (or Ctrl-D)");
            out.println();
            out.println("Groovy statements run with the recipe verbs in scope, and variables persist:");
            out.println("  s = store 'C:\\\\'        then   acl show s.root");
            out.println("Arguments that name a variable (s.prestaged) or are ${expression} are replaced by their value.");
            out.flush();
            return 0;
        }
        var sub = commands.getSubcommands().get(words.get(1));
        if (sub == null) {
            out.println("prestage: no command '" + words.get(1) + "'; the commands are " + String.join(", ", commands.getSubcommands().keySet()));
            out.flush();
            return 2;
        }
        CommandLine target = sub;
        for (String w : words.subList(2, words.size())) {
            if (target.getSubcommands().containsKey(w)) target = target.getSubcommands().get(w);
        }
        target.usage(out);
        out.flush();
        return 0;
    }
}
