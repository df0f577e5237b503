package prestage.shell.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.jline.console.impl.SystemRegistryImpl;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.widget.TailTipWidgets;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;
import prestage.shell.Main;
import prestage.shell.cli.GlobalOptions;
import prestage.shell.cli.PrestageCommand;

/**
 * {@code prestage} with no arguments: the verbs as commands with completion and help, plus Groovy
 * statements with the recipe DSL in scope ({@code s = store 'C:\\'} then {@code acl show s.root}).
 * Ctrl-C stops the running command, not the console.
 */
public final class PrestageConsole {
    private static final List<String> EXIT = List.of("exit", "quit", "bye");
    private final Terminal terminal;
    private final GlobalOptions options;
    private final Path history;

    public PrestageConsole(Terminal terminal, GlobalOptions options, Path history) {
        this.terminal = terminal;
        this.options = options;
        this.history = history;
    }

    public static PrestageConsole forSystem(GlobalOptions options) {
        try {
            Terminal terminal = TerminalBuilder.builder().name("prestage").system(true).dumb(true)
                    .provider("jni").build(); // the one provider shipped; probing the others costs start-up time
            return new PrestageConsole(terminal, options, historyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    private static Path historyFile() {
        String explicit = System.getenv("PRESTAGE_HISTORY");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        return Path.of(System.getProperty("user.home"), ".prestage_history");
    }

    /** Reads and runs lines until exit or end of input; returns the last command's exit status. */
    public int run() {
        PrintWriter out = terminal.writer();
        CommandLine commands = Main.commandLine(out, out);
        ((PrestageCommand) commands.getCommand()).consoleDefaults(options);

        var parser = new DefaultParser();
        parser.setEscapeChars(new char[0]); // Windows paths keep their backslashes
        var registry = new SystemRegistryImpl(parser, terminal, () -> Path.of("").toAbsolutePath(), null);
        var picocli = new PicocliCommands(commands);
        registry.setCommandRegistries(picocli);

        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("prestage")
                .parser(parser)
                .completer(new ConsoleCompleter(registry.completer()))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .build();
        if (!Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            new TailTipWidgets(reader, registry::commandDescription, 5, TailTipWidgets.TipType.COMPLETER).enable();
        }

        // the Groovy side loads while the user reads the prompt, not before it
        CompletableFuture<GroovyStatements> groovy = CompletableFuture.supplyAsync(() -> new GroovyStatements(options, out));
        var dispatcher = new LineDispatcher(commands, groovy, out);
        var running = new AtomicReference<Thread>();
        terminal.handle(Terminal.Signal.INT, signal -> {
            Thread t = running.get();
            if (t != null) t.interrupt();
        });

        if (System.getenv("PRESTAGE_TRACE_STARTUP") != null) {
            ProcessHandle.current().info().startInstant().ifPresent(start -> System.err.println(
                    "prompt after " + java.time.Duration.between(start, java.time.Instant.now()).toMillis() + " ms"));
        }
        int last = 0;
        String prompt = options.whatIf() ? "prestage [what-if]> " : "prestage> ";
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                break;
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) continue;
            if (EXIT.contains(trimmed)) break;
            last = runInterruptibly(() -> dispatcher.dispatch(trimmed), running, out);
        }
        saveHistory(reader);
        groovy.thenAccept(GroovyStatements::close);
        terminal.writer().flush();
        return last;
    }

    /** Runs one line on a worker thread so Ctrl-C can interrupt it while the console stays. */
    private static int runInterruptibly(java.util.function.IntSupplier work, AtomicReference<Thread> running, PrintWriter out) {
        var task = new CompletableFuture<Integer>();
        Thread worker = new Thread(() -> {
            try {
                task.complete(work.getAsInt());
            } catch (Throwable t) {
                task.completeExceptionally(t);
            }
        }, "prestage-command");
        running.set(worker);
        worker.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            out.println("prestage: failed: " + e.getCause());
            out.flush();
            return 1;
        } finally {
            running.set(null);
        }
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
