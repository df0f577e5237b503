package prestage.shell.fleet;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import prestage.core.Progress;
import prestage.core.outcome.Step;
import prestage.shell.render.OutcomePrinter;

/**
 * A fleet run's display on a terminal: one line per client in flight (client, step or file, bytes, rate) and a count
 * of running, done and waiting clients, redrawn in place at the bottom; step lines scroll above it.
 * <p>
 * The board is drawn with ANSI cursor moves on stderr; step lines go to stdout. Both are the same terminal here (a
 * board is used only when stdout is one), so each redraw erases the board, writes the new lines, then draws it again.
 */
public final class FleetBoard implements FleetDisplay {
    private static final String ERASE_DOWN = "\033[J";

    private final PrintWriter lines;
    private final PrintWriter board;
    private final boolean whatIf;
    private final int clients;
    private final int width;
    private final Map<FleetMember, ClientActivity> running = new LinkedHashMap<>();
    private final List<String> pending = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private int drawnRows;
    private int done;

    public FleetBoard(PrintWriter lines, PrintWriter board, boolean whatIf, int clients, int width, long redrawMillis) {
        this.lines = lines;
        this.board = board;
        this.whatIf = whatIf;
        this.clients = clients;
        this.width = Math.max(40, width);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "fleet-board");
            t.setDaemon(true);
            return t;
        });
        if (redrawMillis > 0) timer.scheduleAtFixedRate(this::redraw, redrawMillis, redrawMillis, TimeUnit.MILLISECONDS);
    }

    /** The terminal's width: $COLUMNS when the shell exports it, else 100. */
    public static int terminalWidth() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private synchronized ClientActivity activity(FleetMember m) {
        return running.computeIfAbsent(m, ClientActivity::new);
    }

    private synchronized void line(FleetMember m, String text) {
        pending.add("[" + m.name() + "] " + text);
    }

    @Override
    public void started(FleetMember member) {
        activity(member);
    }

    @Override
    public void step(FleetMember member, Step step) {
        String text = OutcomePrinter.line(step, whatIf);
        activity(member).step(step.verb() + " " + step.status().label());
        line(member, text);
        for (String d : step.diff()) line(member, "    " + d);
    }

    @Override
    public void warning(FleetMember member, String warning) {
        line(member, "warning: " + warning);
    }

    @Override
    public Progress progress(FleetMember member) {
        return (name, total) -> {
            var task = activity(member).startTask(name, total);
            return new Progress.Task() {
                @Override
                public void advance(long amount) {
                    task.advance(amount);
                }

                @Override
                public void close() {
                    task.end();
                }
            };
        };
    }

    @Override
    public PrintWriter out(FleetMember member) {
        return PrefixedLines.to(text -> line(member, text));
    }

    @Override
    public void finished(ClientResult r) {
        synchronized (this) {
            running.remove(r.member());
            done++;
        }
        line(r.member(), String.format("%s in %.1f s%s", r.state().label(), r.seconds(), r.error() == null ? "" : ": " + r.error()));
    }

    /** Erases the board, prints the lines that came since, draws the board again. */
    synchronized void redraw() {
        board.print(erase());
        board.flush();
        pending.forEach(lines::println);
        pending.clear();
        lines.flush();
        var sb = new StringBuilder();
        int nameWidth = Math.min(30, running.keySet().stream().mapToInt(m -> m.name().length()).max().orElse(0));
        for (ClientActivity a : running.values()) {
            sb.append(fit(String.format("%-" + Math.max(1, nameWidth) + "s  %s", a.member.name(), a.describe()))).append('\n');
        }
        sb.append(fit(String.format("%d running, %d done, %d waiting", running.size(), done, clients - done - running.size()))).append('\n');
        drawnRows = running.size() + 1;
        board.print(sb);
        board.flush();
    }

    /** Cursor up to the board's first row (CSI n F) and erase from there down. */
    private String erase() {
        String s = drawnRows == 0 ? "" : "\033[" + drawnRows + "F" + ERASE_DOWN;
        drawnRows = 0;
        return s;
    }

    private String fit(String s) {
        return s.length() < width ? s : s.substring(0, width - 2) + "…";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            redraw();
            board.print(erase());
            board.flush();
        }
    }
}
