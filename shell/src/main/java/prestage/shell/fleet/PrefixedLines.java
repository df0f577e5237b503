package prestage.shell.fleet;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Consumer;

/** A writer that hands each complete line to {@code sink}: what a recipe prints, labelled with its client. */
final class PrefixedLines extends Writer {
    private final Consumer<String> sink;
    private final StringBuilder line = new StringBuilder();

    private PrefixedLines(Consumer<String> sink) {
        this.sink = sink;
    }

    static PrintWriter to(Consumer<String> sink) {
        return new PrintWriter(new PrefixedLines(sink), true);
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                sink.accept(line.toString());
                line.setLength(0);
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        // a partial line waits for its end, so that lines of different clients never mix
    }

    @Override
    public synchronized void close() {
        if (!line.isEmpty()) sink.accept(line.toString());
        line.setLength(0);
    }
}
