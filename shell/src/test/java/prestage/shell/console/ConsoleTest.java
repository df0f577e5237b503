package prestage.shell.console;

import prestage.shell.cli.CommandTree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.shell.run.GlobalOptions;

/** The console driven over a dumb terminal with byte streams, as a pipe or a test harness drives it. */
@DisabledOnOs(OS.WINDOWS)
class ConsoleTest {
    @TempDir
    Path dir;

    private String session(GlobalOptions options, String input) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(input.getBytes(UTF_8)), out, UTF_8)) {
            new PrestageConsole(terminal, options, dir.resolve("history"), w -> CommandTree.forConsole(w, options)).run();
        }
        return out.toString(UTF_8);
    }

    /** The console's exit status: the last line's. */
    private int exitOf(GlobalOptions options, String input) throws IOException {
        try (var terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(input.getBytes(UTF_8)),
                new ByteArrayOutputStream(), UTF_8)) {
            return new PrestageConsole(terminal, options, dir.resolve("history"), w -> CommandTree.forConsole(w, options)).run();
        }
    }

    @Test
    void aStatementAndACommandLineEndWithTheSameStatusUnderWhatIf() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        var whatIf = GlobalOptions.of(client.toString(), null, true);
        assertEquals(3, exitOf(whatIf, "store C:\\\nexit\n"), "the command line: something would change");
        assertEquals(3, exitOf(whatIf, "store('C:\\\\')\nexit\n"), "the statement: the same run, the same status");
        assertEquals(3, exitOf(whatIf, "s = store 'C:\\\\'\nexit\n"));
        assertFalse(Files.exists(client.resolve("MED-V Images")), "what-if changed nothing");
        String out = session(whatIf, "store('C:\\\\')\nexit\n");
        assertTrue(out.contains("would change store    C:\\MED-V Images"), out);
        assertTrue(out.contains("what-if: 0 ok, 1 would change, 0 failed"), "the summary a command line prints too:\n" + out);
        var real = GlobalOptions.of(client.toString(), null, false);
        assertEquals(0, exitOf(real, "store('C:\\\\')\nexit\n"));
        assertEquals(2, exitOf(real, "store('relative')\nexit\n"), "bad input: 2, as the command line says");
        assertEquals(2, exitOf(real, "store relative\nexit\n"));
    }

    @Test
    void helpListsTheVerbsAndHelpVerbShowsItsUsage() throws IOException {
        String out = session(GlobalOptions.of(null, null, false), "help\nhelp acl apply\nexit\n");
        for (String verb : List.of("run", "store", "acl", "push", "verify", "registry", "msi", "status")) {
            assertTrue(out.contains("  " + verb + " "), verb + " missing: " + out);
        }
        assertTrue(out.contains("Usage: prestage acl apply"), out);
        assertFalse(out.contains("__train"), "hidden commands appear in no help:\n" + out);
        String unknown = session(GlobalOptions.of(null, null, false), "help frob\nexit\n");
        assertTrue(unknown.contains("the commands are run, store"), unknown);
        assertFalse(unknown.contains("__train"), "nor in the list of commands:\n" + unknown);
    }

    @Test
    void groovyVariablesFeedCommandsAndHistoryIsKept() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        String out = session(GlobalOptions.of(client.toString(), null, false),
                "s = store 'C:\\\\'\nprintln s.prestaged\nstore C:\\\nmsi MED-V_1.0.65.msi VMSFOLDER=s.root\nmsi('MED-V_1.0.65.msi', VMSFOLDER: s.root)\nexit\n");
        assertTrue(Files.isDirectory(client.resolve("MED-V Images/PrestagedImages")));
        assertTrue(out.contains("C:\\MED-V Images\\PrestagedImages"), out);
        assertTrue(out.contains("ok       store    C:\\MED-V Images: store layout present"), out);
        // on a command line NAME=s.root is text, not the variable (only a whole ${...} argument is expanded): msi
        // refuses it as a folder; the Groovy form reads the variable
        assertTrue(out.contains("prestage: msi: VMSFOLDER=s.root is not valid; it takes an absolute Windows path"), out);
        assertFalse(out.contains("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=s.root"), "a command was printed with the text as the folder:\n" + out);
        assertTrue(out.contains("msiexec /i \"MED-V_1.0.65.msi\" VMSFOLDER=\"C:\\MED-V Images\""), "the variable's value is taken:\n" + out);
        assertTrue(Files.readString(dir.resolve("history")).contains("store C:\\"), "history persisted");
    }

    @Test
    void variableReferencesAsWholeArgumentsAreExpanded() throws IOException {
        Path client = Files.createDirectories(dir.resolve("client"));
        String out = session(GlobalOptions.of(client.toString(), null, false),
                "s = store 'C:\\\\'\nstore ${'C:\\\\'}\nverify --help\nexit\n");
        assertTrue(out.contains("ok       store    C:\\MED-V Images"), out);
    }

    @Test
    void badLinesReportOneErrorAndTheConsoleGoesOn() throws IOException {
        String out = session(GlobalOptions.of(null, null, false), "frobnicate 1 2\nstore\nx = \nprintln 'still here'\nexit\n");
        assertTrue(out.contains("prestage: (console, line 1) no verb or method 'frobnicate'"), out);
        assertTrue(out.contains("Missing required parameter: 'ROOT'"), out);
        assertTrue(out.contains("still here"), out);
    }

    @Test
    void ctrlCStopsTheRunningStatementNotTheConsole() throws Exception {
        var input = new PipedOutputStream();
        var out = new ByteArrayOutputStream();
        try (var terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new PipedInputStream(input), out, UTF_8)) {
            var console = new PrestageConsole(terminal, GlobalOptions.of(null, null, false), dir.resolve("history"), w -> CommandTree.forConsole(w, GlobalOptions.of(null, null, false)));
            var done = CompletableFuture.supplyAsync(console::run);
            input.write("println 'looping'; while (true) { }\n".getBytes(UTF_8));
            input.flush();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                while (!out.toString(UTF_8).contains("looping")) Thread.sleep(20);
            });
            Thread.sleep(200);
            terminal.raise(Terminal.Signal.INT);
            input.write("println 'after'\nexit\n".getBytes(UTF_8));
            input.flush();
            int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> done.get());
            String text = out.toString(UTF_8);
            assertTrue(text.contains("interrupted"), text);
            assertTrue(text.contains("after"), text);
            assertEquals(0, exit);
        }
    }
}
