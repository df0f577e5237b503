package prestage.shell.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;

import org.jline.terminal.Terminal;

/**
 * Lines from a pipe or a file ({@code printf 'store /tmp/x\nexit\n' | prestage}): read as they are, with no prompt
 * and no echo, so standard output carries only what the commands print; nothing goes into the history.
 */
final class PipedInput implements ConsoleInput {
    private final BufferedReader lines;

    PipedInput(Terminal terminal) {
        this.lines = new BufferedReader(new InputStreamReader(terminal.input(), terminal.encoding()));
    }

    @Override
    public String next() {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's input", e);
        }
    }

    @Override
    public boolean confirm(String question) {
        return false; // nobody to ask
    }
}
