package prestage.shell.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as people and scripts meet it, in a JVM of its own: on a real pseudo-terminal (tmux) and with its
 * input and output on pipes. Colours, NO_COLOR, prompts, the history file, System.exit and Ctrl-C during a push.
 */
@DisabledOnOs(OS.WINDOWS)
class TerminalSessionTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String ESC = "\u001b";
    @TempDir
    Path dir;
    private Path client;

    @BeforeEach
    void client() throws IOException {
        client = Files.createDirectories(dir.resolve("client"));
        Files.createDirectories(dir.resolve("home"));
    }

    /** The console's command line: this build's classes, a client folder, a fast-starting JVM. */
    private List<String> console() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "prestage.shell.Main",
                "--target", client.toString());
    }

    private String shellCommand(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private TmuxTerminal terminal(String term, Map<String, String> env) throws IOException, InterruptedException {
        var all = new java.util.HashMap<>(env);
        all.put("HOME", dir.resolve("home").toString());
        all.putIfAbsent("XDG_STATE_HOME", dir.resolve("state").toString());
        String run = shellCommand(console()) + " 2>&1; echo \"console exit $?\" > " + shellCommand(List.of(dir.resolve("exit").toString()));
        var t = TmuxTerminal.start(dir, term, all, run);
        t.await(START, "the first prompt", s -> TmuxTerminal.prompts(s) >= 1);
        return t;
    }

    private String exitLine(TmuxTerminal t) throws IOException, InterruptedException {
        Path file = dir.resolve("exit");
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file) || Files.readString(file).isEmpty()) {
            if (System.nanoTime() > end) throw new AssertionError("the console did not end; screen:\n" + t.text());
            Thread.sleep(50);
        }
        return Files.readString(file).trim();
    }

    @Test
    void aColourTerminalShowsStatusesInColourAndKeepsAPrivateHistory() throws Exception {
        try (var t = terminal("xterm-256color", Map.of())) {
            t.line("store C:\\");
            t.await(Duration.ofSeconds(30), "the store step", s -> s.contains("0 failed"));
            t.line("store C:\\");
            t.await(Duration.ofSeconds(30), "the second store", s -> s.contains("1 ok, 0 changed"));
            String screen = t.screen();
            assertTrue(screen.contains(ESC + "[33mchanged"), "changed in yellow:\n" + screen);
            assertTrue(screen.contains(ESC + "[32mok"), "ok in green:\n" + screen);
            t.line("exit");
            assertEquals("console exit 0", exitLine(t));
        }
        Path history = dir.resolve("state/prestage/history");
        assertTrue(Files.readString(history).contains("store C:\\"), "history kept in $XDG_STATE_HOME/prestage");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history.getParent())));
    }

    @Test
    void noColourWithNoColorOrOnADumbTerminalAndHistoryUnderHomeWithoutXdg() throws Exception {
        for (var setting : List.of(Map.of("NO_COLOR", "1"), Map.<String, String>of())) {
            String term = setting.isEmpty() ? "dumb" : "xterm-256color";
            try (var t = terminal(term, setting.isEmpty() ? Map.of("XDG_STATE_HOME", "") : setting)) {
                t.line("store C:\\");
                t.await(Duration.ofSeconds(30), "the store step", s -> s.contains("0 failed"));
                String screen = t.screen();
                assertTrue(t.text().contains("store    C:\\MED-V Images"), screen);
                assertFalse(screen.contains(ESC + "[3"), term + " " + setting + " must have no colour:\n" + screen);
                t.line("exit");
                exitLine(t);
            }
            Files.deleteIfExists(dir.resolve("exit"));
        }
        assertTrue(Files.readString(dir.resolve("home/.local/state/prestage/history")).contains("store C:\\"),
                "without XDG_STATE_HOME: ~/.local/state/prestage/history");
    }

    @Test
    void systemExitAsksBeforeLeaving() throws Exception {
        try (var t = terminal("xterm-256color", Map.of())) {
            t.line("System.exit(3)");
            t.await(Duration.ofSeconds(30), "the question", s -> s.contains("would close the console. Leave? [y/N]"));
            t.line("n");
            t.line("println 'still' + 'here'");
            t.await(Duration.ofSeconds(30), "the console going on", s -> s.contains("stillhere"));
            t.line("System.exit(3)");
            t.await(Duration.ofSeconds(30), "the question again", s -> s.split("Leave\\?", -1).length == 3);
            t.line("y");
            assertEquals("console exit 3", exitLine(t));
        }
        assertFalse(Files.readString(dir.resolve("state/prestage/history")).lines().anyMatch(l -> l.endsWith(":y") || l.endsWith(":n")),
                "answers are not history");
    }

    @Test
    void ctrlCDuringAPushClearsTheBarAndGivesThePromptBack() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        // sparse, so the source takes no disk; push checks its copy fits first, so at most half the free space (still
        // seconds of copying on any machine), and Ctrl-C stops the copy long before it has written much of it
        long size = Math.min(64L << 30, Files.getFileStore(images).getUsableSpace() / 2 / (1 << 20) * (1 << 20));
        try (var big = new RandomAccessFile(images.resolve("big.ckm").toFile(), "rw")) {
            big.setLength(size);
        }
        try (var t = terminal("xterm-256color", Map.of())) {
            t.line("push " + images + " --to 'C:\\MED-V Images\\PrestagedImages'");
            t.await(Duration.ofSeconds(60), "a progress bar", s -> s.contains("MiB/s"));
            t.ctrlC();
            long start = System.nanoTime();
            String screen = t.await(Duration.ofSeconds(10), "the prompt after Ctrl-C", s -> TmuxTerminal.prompts(s) >= 2);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "prompt back after " + millis + " ms");
            Thread.sleep(500); // a bar drawn late would show by now
            screen = t.text();
            assertTrue(screen.contains("interrupted"), screen);
            assertFalse(screen.contains("MiB/s"), "no progress bar left:\n" + screen);
            assertTrue(screen.stripTrailing().endsWith("prestage>"), "the prompt is the last line:\n" + screen);
            t.line("exit");
            exitLine(t);
        }
    }

    /** The console with stdin and stdout on pipes, as in {@code printf ... | prestage}. */
    private String piped(String input, Map<String, String> env) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(new ArrayList<>(console())).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the console ends with its input");
        return out + "\n[exit " + p.exitValue() + "]";
    }

    @Test
    void overAPipeOnlyTheCommandsOutputIsWrittenAndSystemExitIsRefused() throws Exception {
        String out = piped("store C:\\\nSystem.exit(4)\nprintln 'after'\nexit\n", Map.of());
        assertFalse(out.contains("prestage>"), "no prompt:\n" + out);
        assertFalse(out.contains("store C:\\\n"), "no echo of the line typed:\n" + out);
        assertFalse(out.contains(ESC), "no escapes on a pipe:\n" + out);
        assertTrue(out.contains("changed  store    C:\\MED-V Images: created 2 folder(s)"), out);
        assertTrue(out.contains("System.exit(4) does not close the console"), out);
        assertTrue(out.contains("after"), out);
        assertTrue(out.endsWith("[exit 0]"), out);
        assertFalse(Files.exists(dir.resolve("state/prestage/history")), "a pipe leaves no history");
    }

    @Test
    void helpWrapsWholeSentencesToTheTerminal() throws Exception {
        try (var t = terminal("xterm-256color", Map.of())) {
            t.line("help");
            String screen = t.await(Duration.ofSeconds(30), "the help", s -> s.contains("Leave the console"));
            for (String line : screen.lines().toList()) assertTrue(line.length() <= 120, "wider than the terminal: " + line);
            String msi = screen.substring(screen.indexOf("  msi "), screen.indexOf("  status "));
            assertTrue(msi.replaceAll("\\s+", " ").contains("properties, e.g. prestage msi MED-V_1.0.65.msi"), msi);
            t.line("exit");
            exitLine(t);
        }
    }

    @Test
    void tabCompletesWindowsPathsOnTheClientAndOptionValues() throws Exception {
        Files.createDirectories(client.resolve("MED-V Images/PrestagedImages"));
        try (var t = terminal("xterm-256color", Map.of())) {
            t.type("acl show 'C:\\MED-V Images\\Pr");
            t.key("Tab");
            t.await(Duration.ofSeconds(30), "the completed folder", s -> s.contains("acl show 'C:\\MED-V Images\\PrestagedImages\\"));
            t.type("' --format ");
            t.key("Tab");
            String screen = t.await(Duration.ofSeconds(30), "the formats listed", s -> s.contains("icacls") && s.contains("cacls"));
            for (String format : List.of("sddl", "icacls", "cacls", "json")) assertTrue(screen.contains(format), screen);
            assertFalse(screen.contains("PrestagedImages\\ "), "no client or local files among the values:\n" + screen);
            t.type("js");
            t.key("Tab");
            t.await(Duration.ofSeconds(30), "json completed", s -> s.contains("--format json"));
            t.enter();
            t.await(Duration.ofSeconds(30), "the command run on the completed path", s -> s.contains("\"path\" : \"C:\\\\MED-V Images\\\\PrestagedImages\""));
            t.line("exit");
            exitLine(t);
        }
    }

    @Test
    void aStatementGoesOnOverLinesAndAnExpressionShowsItsValue() throws Exception {
        try (var t = terminal("xterm-256color", Map.of())) {
            t.line("for (i in 1..2) {");
            t.await(Duration.ofSeconds(30), "the continuation prompt", s -> s.lines().anyMatch(l -> l.matches(" +> ?")));
            t.line("println \"n$i\"");
            t.line("}");
            t.await(Duration.ofSeconds(30), "both lines run once the bracket closed", s -> s.contains("n1\nn2"));
            t.line("6 * 7");
            t.await(Duration.ofSeconds(30), "the value", s -> s.lines().anyMatch(l -> l.equals("42")));
            t.type("def x = 'C:\\\\'");
            // the typed text reaches the screen when tmux has drawn it: wait for that, not a moment
            String screen = t.awaitColoured(Duration.ofSeconds(30), "the string highlighted as typed", s -> s.contains(ESC + "[32m'C:"));
            assertTrue(screen.contains(ESC + "[34mdef") || screen.contains(ESC + "[94mdef"), "keywords highlighted as typed:\n" + screen);
            t.enter();
            t.line("exit");
            assertEquals("console exit 0", exitLine(t));
        }
    }

    @Test
    void overAPipeStatementsGoOnOverLinesAndWhatIfStatusesAgree() throws Exception {
        String out = piped("for (i in 1..2) {\n  println \"n$i\"\n}\n6 * 7\nexit\n", Map.of());
        assertTrue(out.contains("n1\nn2\n42\n"), out);
        assertTrue(out.endsWith("[exit 0]"), out);
        List<String> whatIf = new ArrayList<>(console());
        whatIf.add("--what-if");
        for (String line : List.of("store C:\\", "store('C:\\\\')")) {
            var pb = new ProcessBuilder(whatIf).redirectErrorStream(true);
            pb.environment().put("HOME", dir.resolve("home").toString());
            Process p = pb.start();
            p.getOutputStream().write((line + "\nexit\n").getBytes(UTF_8));
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), line + " under --what-if: something would change\n" + text);
            assertTrue(text.contains("what-if: 0 ok, 1 would change, 0 failed"), text);
        }
        assertFalse(Files.exists(client.resolve("MED-V Images")), "what-if changed nothing");
    }
}
