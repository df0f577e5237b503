package prestage.shell.render;

import java.io.PrintWriter;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import prestage.core.Progress;

/** Draws progress: a bar on a terminal, a plain line every few seconds otherwise. */
public final class Progresses {
    private Progresses() {
    }

    public static Progress forStream(PrintWriter err) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return terminal ? bars() : new PlainLines(err, 2_000);
    }

    private static Progress bars() {
        return (name, total) -> {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total)
                    .setUnit(" MiB", 1L << 20)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(200)
                    .build();
            return new Progress.Task() {
                @Override
                public void advance(long amount) {
                    bar.stepBy(amount);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }
}
