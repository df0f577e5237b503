package prestage.shell.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.InfoCmp;
import picocli.CommandLine;
import prestage.shell.run.GlobalOptions;
import prestage.shell.render.Palette;
import prestage.shell.render.Progresses;

/**
 * {@code prestage} with no arguments: the verbs as commands with completion and help, plus Groovy
 * statements with the recipe DSL in scope ({@code s = store 'C:\\'} then {@code acl show s.root}).
 * Ctrl-C stops the running command, not the console.
 */
public final class PrestageConsole {
    private static final List<String> EXIT = List.of("exit", "quit", "bye");
    /** How long a command gets after Ctrl-C to stop and tidy up before the prompt comes back regardless. */
    private static final long STOP_GRACE_MILLIS = 1_000;
    private final Terminal terminal;
    private final GlobalOptions options;
    private final Path history;
    private final boolean interactive;
    private final Function<PrintWriter, CommandLine> commandTree;

    /**
     * @param interactive a person types at {@code terminal}: prompts, line editing, history and questions; otherwise
     *                    lines come from a pipe or file and only the commands' output is written
     */
    public PrestageConsole(Terminal terminal, GlobalOptions options, Path history, boolean interactive,
                           Function<PrintWriter, CommandLine> commandTree) {
        this.terminal = terminal;
        this.commandTree = commandTree;
        this.options = options;
        this.history = history;
        this.interactive = interactive;
    }

    /** A console for a person at {@code terminal}. */
    public PrestageConsole(Terminal terminal, GlobalOptions options, Path history, Function<PrintWriter, CommandLine> commandTree) {
        this(terminal, options, history, true, commandTree);
    }

    public static PrestageConsole forSystem(GlobalOptions options, Function<PrintWriter, CommandLine> commandTree) {
        try {
            TerminalProvider jni = TerminalProvider.load("jni"); // the one provider shipped; probing others costs start-up
            Terminal terminal = TerminalBuilder.builder().name("prestage").system(true).dumb(true)
                    .provider("jni").graphemeCluster(false) // no probe that waits for the terminal to answer
                    .build();
            boolean interactive = jni.isSystemStream(SystemStream.Input);
            return new PrestageConsole(terminal, options, HistoryFile.locate(System.getenv(), home()),
                    interactive, commandTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    /** $HOME as the XDG rules read it; Java's user.home comes from the password database instead. */
    private static String home() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }

    /** Reads and runs lines until exit or end of input; returns the last command's exit status. */
    public int run() {
        PrintWriter out = terminal.writer();
        Palette palette = Palette.forTerminal(terminal.getType(), colours());
        Palette.useForConsole(palette);
        try {
            return session(out, palette);
        } finally {
            Palette.useForConsole(null);
        }
    }

    private int session(PrintWriter out, Palette palette) {
        CommandLine commands = commandTree.apply(out);
        var parser = new StatementParser(commands.getSubcommands().keySet());
        // the Groovy side loads while the user reads the prompt, not before it
        CompletableFuture<GroovyStatements> groovy = CompletableFuture.supplyAsync(() -> new GroovyStatements(options, out));
        var client = new ConsoleClient(options);
        LineReader reader = interactive ? lineReader(commands, parser, groovy, client, palette) : null;
        ConsoleInput input = interactive ? new PromptedInput(reader, promptFor(options)) : new PipedInput(terminal, parser);
        var dispatcher = new LineDispatcher(commands, parser, groovy, out, terminal::getWidth);
        var commandThread = new CommandThread(STOP_GRACE_MILLIS);
        terminal.handle(Terminal.Signal.INT, signal -> {
            Progresses.interrupted();
            commandThread.interrupt();
        });

        if (System.getenv("PRESTAGE_TRACE_STARTUP") != null) {
            // wall time from the process start, and the CPU time it took: on a loaded machine only the second is steady
            var info = ProcessHandle.current().info();
            info.startInstant().ifPresent(start -> System.err.println("prompt after "
                    + java.time.Duration.between(start, java.time.Instant.now()).toMillis() + " ms wall, "
                    + info.totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L) + " ms cpu, "
                    + java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000
                    + " ms cpu on the main thread"));
        }
        int last = 0;
        while (true) {
            String line = input.next();
            if (line == null) break;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) continue;
            if (EXIT.contains(trimmed)) break;
            Progresses.nextCommand();
            try {
                last = commandThread.run(() -> dispatcher.dispatch(trimmed), out);
            } catch (ExitRequested e) {
                if (leaveOn(e, input, out)) {
                    last = e.status();
                    break;
                }
                last = 0;
            }
        }
        if (reader != null) saveHistory(reader);
        client.close();
        groovy.thenAccept(GroovyStatements::close);
        terminal.writer().flush();
        return last;
    }

    private LineReader lineReader(CommandLine commands, StatementParser parser, CompletableFuture<GroovyStatements> groovy,
                                  ConsoleClient client, Palette palette) {
        Supplier<Map<String, Object>> variables = () -> groovy.isDone() && !groovy.isCompletedExceptionally()
                ? groovy.join().variables() : Map.of();
        var builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("prestage")
                .parser(parser)
                .completer(new Completer() { // built at the first Tab, not before the first prompt
                    private ConsoleCompleter completer;

                    @Override
                    public void complete(LineReader r, ParsedLine line, List<Candidate> candidates) {
                        if (completer == null) completer = new ConsoleCompleter(commands, client, variables);
                        completer.complete(r, line, candidates);
                    }
                })
                .highlighter(new ConsoleHighlighter(parser, palette.colour()))
                .option(LineReader.Option.CASE_INSENSITIVE, true) // Windows names: c:\med completes C:\MED-V Images
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ") // a statement goes on: as wide as the prompt
                .variable(LineReader.HISTORY_SIZE, 2000);
        try {
            builder.variable(LineReader.HISTORY_FILE, HistoryFile.prepare(history));
        } catch (IOException e) {
            terminal.writer().println("prestage: history is not kept: cannot create " + history + " (" + e.getMessage() + ")");
        }
        return builder.build();
    }

    private int colours() {
        Integer n = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        return n == null ? 0 : n;
    }

    private static String promptFor(GlobalOptions options) {
        return options.whatIf() ? "prestage [what-if]> " : "prestage> ";
    }

    /** System.exit at the prompt: leave only when the user says so; a pipe has nobody to ask, so it goes on. */
    private boolean leaveOn(ExitRequested request, ConsoleInput input, PrintWriter out) {
        if (!interactive) {
            out.println("prestage: " + request.getMessage() + " does not close the console; type exit to leave");
            out.flush();
            return false;
        }
        return input.confirm(request.getMessage() + " would close the console. Leave? [y/N] ");
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            // history is a convenience; losing it must not fail the session
        }
    }

    public Terminal terminal() {
        return terminal;
    }
}
