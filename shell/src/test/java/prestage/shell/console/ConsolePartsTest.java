package prestage.shell.console;

import prestage.shell.cli.CommandTree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import prestage.core.outcome.Status;
import prestage.shell.render.Palette;

/** The console's small decisions, each on its own. */
class ConsolePartsTest {
    @Test
    void historyFollowsXdgStateHome() {
        assertEquals(Path.of("/s/prestage/history"), HistoryFile.locate(Map.of("XDG_STATE_HOME", "/s"), "/h"));
        assertEquals(Path.of("/h/.local/state/prestage/history"), HistoryFile.locate(Map.of(), "/h"));
        assertEquals(Path.of("/h/.local/state/prestage/history"), HistoryFile.locate(Map.of("XDG_STATE_HOME", "rel"), "/h"),
                "a relative XDG_STATE_HOME is ignored, as the spec says");
        assertEquals(Path.of("/x/h"), HistoryFile.locate(Map.of("PRESTAGE_HISTORY", "/x/h", "XDG_STATE_HOME", "/s"), "/h"));
    }

    @Test
    void summariesAreWholeSentences() {
        var commands = CommandTree.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        String msi = LineDispatcher.summary(commands.getSubcommands().get("msi"));
        assertTrue(msi.startsWith("Print the MED-V client install command with validated properties, e.g. prestage msi"), msi);
        assertTrue(msi.endsWith("--quiet"), msi);
        String acl = LineDispatcher.summary(commands.getSubcommands().get("acl"));
        assertTrue(acl.endsWith("."), acl);
    }

    @Test
    void coloursOnlyOnAColourTerminal() {
        assertFalse(Palette.forTerminal("dumb", 256).colour());
        assertFalse(Palette.forTerminal("xterm", 2).colour());
        assertEquals("failed  ", Palette.NONE.label(Status.FAILED, "failed", 8));
        if (System.getenv("NO_COLOR") == null) {
            Palette p = Palette.forTerminal("xterm-256color", 256);
            assertEquals("\u001b[32mok\u001b[0m      ", p.label(Status.OK, "ok", 8), "padding outside the colour");
        }
    }
}
