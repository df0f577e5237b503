package prestage.shell.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;

/**
 * Decides what a console line is: a verb with arguments (run through the same command tree as the
 * one-shot CLI), {@code help}, or a Groovy statement. Arguments that name console variables
 * ({@code s.root}) or are {@code ${expression}} are replaced by their values.
 */
final class LineDispatcher {
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(?=\\s|$)");
    private static final Pattern ABBREVIATION = Pattern.compile("(?i)\\b(e\\.g|i\\.e|etc|cf|vs)\\.$");
    private final CommandLine commands;
    private final CompletableFuture<GroovyStatements> groovy;
    private final PrintWriter out;
    private final DefaultParser parser = new DefaultParser();
    private final IntSupplier width;
    private final StatementParser lines;

    /** @param width the terminal's columns now (it can be resized between lines) */
    LineDispatcher(CommandLine commands, StatementParser lines, CompletableFuture<GroovyStatements> groovy, PrintWriter out,
                   IntSupplier width) {
        this.commands = commands;
        this.lines = lines;
        this.groovy = groovy;
        this.out = out;
        this.width = width;
        parser.setEscapeChars(new char[0]);
    }

    int dispatch(String line) {
        List<String> words = parser.parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) return 0;
        String first = words.get(0);
        if (first.equals("help") || first.equals("?")) return help(words);
        if (lines.isCommandLine(line)) {
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
        int columns = columns();
        commands.setUsageHelpWidth(columns); // picocli wraps `help VERB` and `VERB -h` to it
        if (words.size() == 1) {
            out.println("Commands (each takes -h for its options):");
            var table = TextTable.forColumns(Help.defaultColorScheme(Help.Ansi.OFF),
                    new Column(12, 2, Overflow.SPAN), new Column(columns - 12, 1, Overflow.WRAP));
            commands.getSubcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) table.addRowValues(name, summary(sub));
            });
            table.addRowValues("help VERB", "The usage of one command.");
            table.addRowValues("exit", "Leave the console (or Ctrl-D).");
            out.print(table);
            out.println();
            wrapped("Groovy statements run with the recipe verbs in scope, and variables persist:", columns);
            out.println("  s = store 'C:\\\\'        then   acl show s.root");
            wrapped("Arguments that name a variable (s.prestaged) or are ${expression} are replaced by their value.", columns);
            out.flush();
            return 0;
        }
        var sub = commands.getSubcommands().get(words.get(1));
        if (sub == null) {
            var names = commands.getSubcommands().entrySet().stream()
                    .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey).toList();
            out.println("prestage: no command '" + words.get(1) + "'; the commands are " + String.join(", ", names));
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

    /** Picocli wants 55 columns at least; very wide lines are hard to read. */
    private int columns() {
        int w = width.getAsInt();
        return w <= 0 ? 80 : Math.max(55, Math.min(w, 160));
    }

    private void wrapped(String text, int columns) {
        var table = TextTable.forColumns(Help.defaultColorScheme(Help.Ansi.OFF), new Column(columns, 0, Overflow.WRAP));
        table.addRowValues(text);
        out.print(table);
    }

    /**
     * A command's first sentence, whole: its description up to the first full stop that ends a sentence (not the
     * one in "e.g."), examples included when the sentence leads into one.
     */
    static String summary(CommandLine command) {
        String text = String.join(" ", command.getCommandSpec().usageMessage().description()).replaceAll("\\s+", " ").trim();
        Matcher end = SENTENCE_END.matcher(text);
        while (end.find()) {
            String before = text.substring(0, end.start() + 1);
            if (!ABBREVIATION.matcher(before).find()) return before;
        }
        return text;
    }

}
