package prestage.shell.render;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * One progress bar redrawn in place on a terminal line. Closed normally it leaves its last state on the line;
 * {@link #erase()} clears the line at once and ignores what the bar's update thread still sends, so an interrupted
 * push leaves nothing behind (not even later, over the prompt).
 */
final class TerminalBarLine implements ProgressBarConsumer {
    private static final String CLEAR_LINE = "\r\u001b[K";
    private final PrintWriter out;
    private final int width;
    private boolean closed;

    TerminalBarLine(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
        LIVE.add(this);
    }

    /**
     * Bars still drawing. Ctrl-C in the console erases them all at once: the threads that own them stop a little
     * later, after the command's failure line, which must not be followed by a stray bar.
     */
    private static final Set<TerminalBarLine> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean halted;

    /** Erases every bar and draws none until {@link #resumeAll()}. */
    static void haltAll() {
        halted = true;
        for (TerminalBarLine line : LIVE) line.erase();
    }

    static void resumeAll() {
        halted = false;
    }

    void erase() {
        synchronized (out) {
            LIVE.remove(this);
            if (closed) return;
            closed = true;
            out.print(CLEAR_LINE);
            out.flush();
        }
    }

    @Override
    public int getMaxRenderedLength() {
        // room for the "^C" the terminal echoes after the bar: a full line would wrap it onto the next line,
        // and the erase would clear that line instead of the bar's
        return Math.max(20, width - 3);
    }

    @Override
    public void accept(String rendered) {
        synchronized (out) {
            if (closed || halted) return;
            out.print(CLEAR_LINE + rendered);
            out.flush();
        }
    }

    @Override
    public void clear() {
        // the bar's own clearing is only for clearDisplayOnFinish, which is not used
    }

    @Override
    public void close() {
        synchronized (out) {
            LIVE.remove(this);
            if (closed) return;
            closed = true;
            if (halted) return;
            out.print(System.lineSeparator());
            out.flush();
        }
    }
}
