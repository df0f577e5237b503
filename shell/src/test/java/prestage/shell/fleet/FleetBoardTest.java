package prestage.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;

/** The terminal board: one row per client in flight, redrawn in place; step lines scroll above it. */
class FleetBoardTest {
    @Test
    void rowsPerClientWithStepBytesAndRateRedrawnInPlace() {
        var lines = new StringWriter();
        var board = new StringWriter();
        var b = new FleetBoard(new PrintWriter(lines), new PrintWriter(board), false, 3, 100, 0);
        var pc1 = FleetMember.of("/srv/pc1");
        var pc2 = FleetMember.of("/srv/pc2");
        b.started(pc1);
        b.started(pc2);
        var task = b.progress(pc1).start("Win7.ckm", 4L << 20);
        task.advance(1L << 20);
        b.step(pc2, new Step("store", "C:\\MED-V Images", Status.CHANGED, "created 2 folder(s)", List.of("+ C:\\MED-V Images\\"), Map.of()));
        b.redraw();
        String first = board.toString();
        assertTrue(first.lines().anyMatch(l -> l.matches("/srv/pc1 +Win7\\.ckm  1\\.0 MiB / 4\\.0 MiB  [0-9.]+ [KMG]?i?B/s")), first);
        assertTrue(first.lines().anyMatch(l -> l.matches("/srv/pc2 +store changed")), first);
        assertTrue(first.endsWith("2 running, 0 done, 1 waiting\n"), first);
        assertEquals("[/srv/pc2] changed  store    C:\\MED-V Images: created 2 folder(s)\n[/srv/pc2]     + C:\\MED-V Images\\\n", lines.toString());

        task.close();
        b.finished(new ClientResult(pc1, ClientResult.State.CHANGED, Map.of("changed", 1), 1.2, null, 0, Map.of()));
        b.redraw();
        String second = board.toString().substring(first.length());
        assertTrue(second.startsWith("\033[3F\033[J"), "goes back up over the 3 rows drawn and erases them: " + second);
        assertFalse(second.contains("/srv/pc1"), second);
        assertTrue(second.endsWith("1 running, 1 done, 1 waiting\n"), second);
        assertTrue(lines.toString().endsWith("[/srv/pc1] changed in 1.2 s\n"), lines.toString());

        b.close();
        assertTrue(board.toString().endsWith("\033[2F\033[J"), "the board is gone before the recap: " + board);
    }
}
