package prestage.shell.console;

import java.nio.file.Path;
import java.util.List;

import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Verbs and options from the command registry; after the verb, paths too. */
final class ConsoleCompleter implements Completer {
    private final Completer commands;
    private final Completer files = new Completers.FilesCompleter(() -> Path.of("").toAbsolutePath());

    ConsoleCompleter(Completer commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        commands.complete(reader, line, candidates);
        if (line.wordIndex() > 0 && !line.word().startsWith("-")) {
            files.complete(reader, line, candidates);
        }
    }
}
