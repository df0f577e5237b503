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
 * A fleet run's display on a terminal, redrawn in place at the bottom while step lines scroll above it: a row per
 * client in flight (client, step or file, bytes, rate) up to {@link #RUNNING_ROWS}, the latest failures up to
 * {@link #FAILURE_ROWS}, and a summary line (done, running, failed, left, clients a minute, time left). However large
 * the fleet, the board stays a screenful; what it dropped is in the step lines and the recap.
 * <p>
 * The board is drawn with ANSI cursor moves on stderr; step lines go to stdout. Both are the same terminal here (a
 * board is used only when stdout is one), so each redraw erases the board, writes the new lines, then draws it again.
 */
public final class FleetBoard implements FleetDisplay {
    private static final String ERASE_DOWN = "\033[J";
    static final int RUNNING_ROWS = 10;
    static final int FAILURE_ROWS = 5;

    private final PrintWriter lines;
    private final PrintWriter board;
    private final boolean whatIf;
    private final int clients;
    private final int width;
    private final Map<FleetMember, ClientActivity> running = new LinkedHashMap<>();
    private final List<String> pending = new ArrayList<>();
    private final java.util.ArrayDeque<String> failures = new java.util.ArrayDeque<>();
    private final long start = System.nanoTime();
    private int failed;
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
        String end = String.format("%s in %.1f s%s", r.state().label(), r.seconds(), r.error() == null ? "" : ": " + r.error());
        synchronized (this) {
            running.remove(r.member());
            done++;
            if (!r.finished()) {
                failed++;
                failures.addLast(r.member().name() + "  " + end);
                if (failures.size() > FAILURE_ROWS) failures.removeFirst();
            }
        }
        line(r.member(), end);
    }

    /** Erases the board, prints the lines that came since, draws the board again. */
    synchronized void redraw() {
        board.print(erase());
        board.flush();
        pending.forEach(lines::println);
        pending.clear();
        lines.flush();
        var rows = new ArrayList<String>();
        int nameWidth = Math.min(30, running.keySet().stream().limit(RUNNING_ROWS).mapToInt(m -> m.name().length()).max().orElse(0));
        running.values().stream().limit(RUNNING_ROWS)
                .forEach(a -> rows.add(String.format("%-" + Math.max(1, nameWidth) + "s  %s", a.member.name(), a.describe())));
        if (running.size() > RUNNING_ROWS) rows.add("... and " + (running.size() - RUNNING_ROWS) + " more running");
        failures.forEach(f -> rows.add("failed: " + f));
        rows.add(summary());
        var sb = new StringBuilder();
        rows.forEach(r -> sb.append(fit(r)).append('\n'));
        drawnRows = rows.size();
        board.print(sb);
        board.flush();
    }

    /** e.g. {@code 120/1000 done (3 failed), 20 running, 860 left, 95 clients/min, about 9 min left}. */
    private String summary() {
        int left = clients - done - running.size();
        var sb = new StringBuilder(String.format("%d/%d done", done, clients));
        if (failed > 0) sb.append(" (").append(failed).append(" failed)");
        sb.append(String.format(", %d running, %d left", running.size(), left));
        double minutes = (System.nanoTime() - start) / 60e9;
        if (done > 0 && minutes > 0) {
            double rate = done / minutes;
            sb.append(String.format(", %.0f clients/min", rate));
            int remaining = clients - done;
            if (remaining > 0) sb.append(", about ").append(duration(remaining / rate * 60)).append(" left");
        }
        return sb.toString();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
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
