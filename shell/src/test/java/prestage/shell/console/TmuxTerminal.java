package prestage.shell.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal for a console test: a tmux server of the test's own (its own socket, so no other tmux is
 * touched) running one command; keys are typed with send-keys and the screen is read with capture-pane, escapes
 * included. Closing it kills that server only.
 */
final class TmuxTerminal implements AutoCloseable {
    private final String socket;

    private TmuxTerminal(String socket) {
        this.socket = socket;
    }

    /** Starts {@code command} (run by sh) on a 120x40 terminal of type {@code term}, with {@code env} added. */
    static TmuxTerminal start(Path dir, String term, Map<String, String> env, String command) throws IOException, InterruptedException {
        var t = new TmuxTerminal("prestage-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        var args = new ArrayList<>(List.of("new-session", "-d", "-s", "t", "-x", "120", "-y", "40", "-c", dir.toString(), "env", "TERM=" + term));
        env.forEach((k, v) -> args.add(k + "=" + v));
        // Ctrl-C goes to the whole foreground group: the shell catches it (and goes on) so it outlives the command;
        // a caught signal is reset to the default in the command, unlike an ignored one
        args.addAll(List.of("sh", "-c", "trap 'true' INT; " + command + "; sleep 600"));
        t.tmux(args.toArray(String[]::new));
        return t;
    }

    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", "-l", text);
    }

    void enter() throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", "Enter");
    }

    /** A named key, as tmux spells it: Tab, Enter, C-c. */
    void key(String name) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", name);
    }

    void ctrlC() throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", "C-c");
    }

    void line(String text) throws IOException, InterruptedException {
        type(text);
        enter();
    }

    /** The visible screen with colour escapes as tmux keeps them (-e), joined lines unwrapped (-J). */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-e", "-J", "-t", "t");
    }

    /** The screen without escapes. */
    String text() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", "t");
    }

    /** Waits until the plain screen satisfies {@code test}; fails with the screen after {@code timeout}. */
    String await(Duration timeout, String what, Predicate<String> test) throws IOException, InterruptedException {
        return await(timeout, what, test, false);
    }

    /** As {@link #await}, on the screen with its colour escapes ({@link #screen()}). */
    String awaitColoured(Duration timeout, String what, Predicate<String> test) throws IOException, InterruptedException {
        return await(timeout, what, test, true);
    }

    private String await(Duration timeout, String what, Predicate<String> test, boolean coloured) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String s = coloured ? screen() : text();
        while (!test.test(s)) {
            if (System.nanoTime() > end) throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; screen:\n" + s);
            Thread.sleep(50);
            s = coloured ? screen() : text();
        }
        return s;
    }

    /** Prompts on the screen: the console is waiting for input when this count has grown. */
    static long prompts(String screen) {
        return screen.lines().filter(l -> l.startsWith("prestage> ") || l.equals("prestage>")).count();
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor();
    }
}
