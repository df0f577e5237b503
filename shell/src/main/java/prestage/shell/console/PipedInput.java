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
    private final StatementParser parser;

    PipedInput(Terminal terminal, StatementParser parser) {
        this.lines = new BufferedReader(new InputStreamReader(terminal.input(), terminal.encoding()));
        this.parser = parser;
    }

    /** The next statement: a line, joined with those after it while a bracket or quote is open (as at a terminal). */
    @Override
    public String next() {
        try {
            String line = lines.readLine();
            if (line == null) return null;
            var statement = new StringBuilder(line);
            while (!parser.complete(statement.toString())) {
                String more = lines.readLine();
                if (more == null) break;
                statement.append('\n').append(more);
            }
            return statement.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's input", e);
        }
    }

    @Override
    public boolean confirm(String question) {
        return false; // nobody to ask
    }
}
