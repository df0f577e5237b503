package prestage.shell.fleet;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import prestage.core.Progress;
import prestage.core.outcome.Step;
import prestage.shell.render.OutcomePrinter;

/**
 * A fleet run's display for logs and pipes: every line starts with {@code [client]}, progress is a line per task every
 * interval and one when it ends, so that a log of a hundred clients can be grepped by client.
 */
public final class PlainFleetLines implements FleetDisplay {
    private final PrintWriter stepsTo;
    private final PrintWriter progressTo;
    private final boolean whatIf;
    private final long intervalMillis;
    private final boolean showProgress;
    private final Map<FleetMember, ClientActivity> activity = new ConcurrentHashMap<>();

    /**
     * @param stepsTo    where step lines and the recipe's own lines go (stdout, or stderr under --json)
     * @param progressTo where progress goes (stderr)
     */
    public PlainFleetLines(PrintWriter stepsTo, PrintWriter progressTo, boolean whatIf, boolean showProgress, long intervalMillis) {
        this.stepsTo = stepsTo;
        this.progressTo = progressTo;
        this.whatIf = whatIf;
        this.showProgress = showProgress;
        this.intervalMillis = intervalMillis;
    }

    private void print(PrintWriter w, FleetMember m, String text) {
        synchronized (w) {
            w.println("[" + m.name() + "] " + text);
            w.flush();
        }
    }

    @Override
    public void started(FleetMember member) {
        activity.put(member, new ClientActivity(member));
        print(progressTo, member, "started: " + member.target());
    }

    @Override
    public void step(FleetMember member, Step step) {
        var sb = new StringBuilder(OutcomePrinter.line(step, whatIf));
        step.diff().forEach(d -> sb.append('\n').append("[").append(member.name()).append("]     ").append(d));
        print(stepsTo, member, sb.toString());
    }

    @Override
    public void warning(FleetMember member, String warning) {
        print(progressTo, member, "warning: " + warning);
    }

    @Override
    public Progress progress(FleetMember member) {
        if (!showProgress) return Progress.NONE;
        return (name, total) -> {
            var task = activity.computeIfAbsent(member, ClientActivity::new).startTask(name, total);
            var last = new AtomicLong(System.nanoTime());
            return new Progress.Task() {
                @Override
                public void advance(long amount) {
                    task.advance(amount);
                    long now = System.nanoTime();
                    long l = last.get();
                    if ((now - l) / 1_000_000 >= intervalMillis && last.compareAndSet(l, now)) print(progressTo, member, task.describe());
                }

                @Override
                public void close() {
                    // as the single-client lines: a task with nothing to do leaves no line
                    if (total > 0 || task.done.get() > 0) print(progressTo, member, task.describe() + " (done)");
                    task.end();
                }
            };
        };
    }

    @Override
    public PrintWriter out(FleetMember member) {
        return PrefixedLines.to(line -> print(stepsTo, member, line));
    }

    @Override
    public void finished(ClientResult r) {
        activity.remove(r.member()); // a finished client leaves nothing behind here
        print(progressTo, r.member(), String.format("%s in %.1f s%s", r.state().label(), r.seconds(), r.error() == null ? "" : ": " + r.error()));
    }

    @Override
    public void close() {
        stepsTo.flush();
        progressTo.flush();
    }
}
