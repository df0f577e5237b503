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

/** The terminal board: a row per client in flight, the latest failures and a summary, redrawn in place; step lines scroll above it. */
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
        assertTrue(first.endsWith("0/3 done, 2 running, 1 left\n"), first);
        assertEquals("[/srv/pc2] changed  store    C:\\MED-V Images: created 2 folder(s)\n[/srv/pc2]     + C:\\MED-V Images\\\n", lines.toString());

        task.close();
        b.finished(new ClientResult(pc1, ClientResult.State.CHANGED, Map.of("changed", 1), true, 1.2, null, 0, null));
        b.redraw();
        String second = board.toString().substring(first.length());
        assertTrue(second.startsWith("\033[3F\033[J"), "goes back up over the 3 rows drawn and erases them: " + second);
        assertFalse(second.contains("/srv/pc1"), second);
        assertTrue(second.matches("(?s).*\n1/3 done, 1 running, 1 left, [0-9]+ clients/min, about [0-9]+ (s|min [0-9]+ s) left\n"), second);
        assertTrue(lines.toString().endsWith("[/srv/pc1] changed in 1.2 s\n"), lines.toString());

        b.close();
        assertTrue(board.toString().endsWith("\033[2F\033[J"), "the board is gone before the recap: " + board);
    }

    /** Three hundred clients, sixty at a time, every tenth failing: the board stays a screenful and its summary adds up. */
    @Test
    void aLargeFleetShowsASummaryTheRunningClientsAndTheLatestFailuresNeverARowPerClient() {
        var lines = new StringWriter();
        var board = new StringWriter();
        var b = new FleetBoard(new PrintWriter(lines), new PrintWriter(board), false, 300, 120, 0);
        var members = new java.util.ArrayList<FleetMember>();
        for (int i = 0; i < 300; i++) members.add(FleetMember.of("/srv/pc" + i));
        int maxRows = 0;
        int next = 0;
        for (int i = 0; i < 300; i++) {
            while (next < 300 && next < i + 61) b.started(members.get(next++));
            boolean fails = i % 10 == 9;
            b.finished(new ClientResult(members.get(i), fails ? ClientResult.State.FAILED : ClientResult.State.CHANGED, Map.of(), !fails, 0.1,
                    fails ? "push C:\\MED-V Images: disk full" : null, fails ? 1 : 0, null));
            int before = board.toString().length();
            b.redraw();
            String drawn = board.toString().substring(before).replaceFirst("^\033\\[[0-9]+F\033\\[J", "");
            maxRows = Math.max(maxRows, (int) drawn.lines().count());
            if (i == 149) {
                assertTrue(drawn.contains("... and 50 more running"), drawn);
                assertEquals(FleetBoard.FAILURE_ROWS, drawn.lines().filter(l -> l.startsWith("failed: ")).count(), drawn);
                assertTrue(drawn.lines().anyMatch(l -> l.startsWith("failed: /srv/pc149  failed in 0.1 s: push")), drawn);
                assertTrue(drawn.lines().reduce((x, y) -> y).orElse("").startsWith("150/300 done (15 failed), 60 running, 90 left"), drawn);
            }
        }
        assertEquals(FleetBoard.RUNNING_ROWS + 1 + FleetBoard.FAILURE_ROWS + 1, maxRows, "rows at most: the running, one 'more', the failures, the summary");
        String last = board.toString();
        assertTrue(last.endsWith("300/300 done (30 failed), 0 running, 0 left\n") || last.matches("(?s).*300/300 done \\(30 failed\\), 0 running, 0 left.*\n"), last.substring(last.length() - 200));
        b.close();
    }
}
