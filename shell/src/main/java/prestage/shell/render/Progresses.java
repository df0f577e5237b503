package prestage.shell.render;

import java.io.PrintWriter;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import prestage.core.Progress;

/** Draws progress: a bar on a terminal, a plain line every few seconds otherwise. */
public final class Progresses {
    private Progresses() {
    }

    public static Progress forStream(PrintWriter err) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return terminal ? bars(err) : new PlainLines(err, 2_000);
    }

    /** Ctrl-C in the console: every bar is erased now and none is drawn until the next command. */
    public static void interrupted() {
        TerminalBarLine.haltAll();
    }

    /** A new console command: bars may be drawn again. */
    public static void nextCommand() {
        TerminalBarLine.resumeAll();
    }

    private static Progress bars(PrintWriter err) {
        int width = terminalWidth();
        return (name, total) -> {
            var line = new TerminalBarLine(err, width);
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total)
                    .setUnit(" MiB", 1L << 20)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(line)
                    .setUpdateIntervalMillis(200)
                    .build();
            return new Progress.Task() {
                @Override
                public void advance(long amount) {
                    bar.stepBy(amount);
                }

                @Override
                public void close() {
                    // a task that stops short (Ctrl-C, an error) leaves no half bar under the prompt; erased here,
                    // because bar.close() returns at once on an interrupted thread and finishes later on its own
                    if (bar.getCurrent() < total || Thread.currentThread().isInterrupted()) line.erase();
                    bar.close();
                }
            };
        };
    }

    /** The width of the terminal behind standard error, asked once per command; 80 when it cannot be told. */
    private static int terminalWidth() {
        try {
            int w = TerminalProvider.load("jni").systemStreamWidth(SystemStream.Error);
            return w > 0 ? w : 80;
        } catch (Exception | LinkageError e) {
            return 80;
        }
    }
}
