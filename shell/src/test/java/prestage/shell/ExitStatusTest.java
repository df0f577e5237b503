package prestage.shell;

import prestage.shell.cli.CommandTree;

import static prestage.shell.Prestage.prestage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;
import prestage.core.outcome.Outcome;
import prestage.dsl.RecipeException;
import prestage.shell.run.Failure;
import prestage.shell.run.GlobalOptions;
import prestage.shell.console.PrestageConsole;

/** Exit statuses come from one mapping, and the launcher's training run is no command a user can see. */
@DisabledOnOs(OS.WINDOWS)
class ExitStatusTest {
    @TempDir
    Path dir;

    @Test
    void exceptionsMapThroughFailureAlone() {
        assertEquals(Outcome.EXIT_BAD_INPUT, Failure.EXIT_CODES.getExitCode(new BadInputException("x")));
        assertEquals(Outcome.EXIT_FAILED, Failure.EXIT_CODES.getExitCode(new IllegalStateException("x")));
        assertEquals(Outcome.EXIT_BAD_INPUT, Failure.EXIT_CODES.getExitCode(new RecipeException("r.groovy", 2, "bad", true, null)));
        assertEquals(Outcome.EXIT_FAILED, Failure.EXIT_CODES.getExitCode(new RecipeException("r.groovy", 2, "broke", false, null)));
        assertEquals(Outcome.EXIT_FAILED, Failure.badInput("x").afterChanges(true).exit(), "bad input after a change is a failure");
        assertEquals(Outcome.EXIT_BAD_INPUT, Failure.badInput("x").afterChanges(false).exit());
        assertEquals("a | b", Failure.badInput("a\nb").message());
    }

    @Test
    void theCliAgreesWithTheMapping() {
        assertEquals(Outcome.EXIT_BAD_INPUT, prestage("store").exit(), "a missing parameter is bad usage");
        assertEquals(Outcome.EXIT_BAD_INPUT, prestage("show", dir.resolve("none.groovy").toString()).exit());
        assertEquals(Outcome.EXIT_BAD_INPUT, prestage("run", dir.resolve("none.groovy").toString(), "--help").exit());
        assertEquals(Outcome.EXIT_DONE, prestage("recipes").exit());
    }

    @Test
    void trainingIsInNoHelpNoCommandListAndNoConsole() throws IOException {
        var help = prestage("--help");
        assertFalse(help.out().contains("__train"), help.out());
        var unknown = prestage("bogus");
        assertTrue(unknown.err().contains("the commands are run, store,"), unknown.err());
        assertFalse(unknown.err().contains("__train"), unknown.err());

        var quiet = new PrintWriter(new StringWriter());
        assertFalse(CommandTree.commandLine(quiet, quiet).getSubcommands().containsKey("__train"), "the console's commands and completion");
        assertTrue(CommandTree.commandLine(quiet, quiet, Main.verbOf(new String[] {"__train"})).getSubcommands().containsKey("__train"),
                "the launcher still reaches it");
        var out = new ByteArrayOutputStream();
        var in = new ByteArrayInputStream("help\nhelp __train\nexit\n".getBytes(UTF_8));
        try (var terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, UTF_8)) {
            new PrestageConsole(terminal, GlobalOptions.of(null, null, false), dir.resolve("history"), w -> CommandTree.forConsole(w, GlobalOptions.of(null, null, false))).run();
        }
        String console = out.toString(UTF_8);
        assertTrue(console.contains("no command '__train'"), console);
        assertEquals(1, console.split("__train", -1).length - 1, "named only where the user typed it: " + console);
    }
}
