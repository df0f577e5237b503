package prestage.shell;

import java.io.IOException;
import java.io.Writer;

/** Passes stderr through and remembers the last error line ({@code prestage: ...}), for the JSON document. */
final class ErrorLines extends Writer {
    private static final String PREFIX = "prestage: ";
    private final Writer target;
    private final StringBuilder line = new StringBuilder();
    private String lastError;

    ErrorLines(Writer target) {
        this.target = target;
    }

    /** The message of the last error line, without its prefix; null when there was none. */
    String lastError() {
        if (line.length() > 0) take();
        return lastError;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
        target.write(buf, off, len);
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') take();
            else if (line.length() < 16_384) line.append(buf[i]);
        }
    }

    private void take() {
        String l = line.toString().strip();
        if (l.startsWith(PREFIX)) lastError = l.substring(PREFIX.length());
        line.setLength(0);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.flush();
    }
}
