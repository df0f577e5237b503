package prestage.shell.console;

import java.util.Set;
import java.util.regex.Pattern;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * How the console splits a line: words on spaces, quotes kept together, and no escape character, so Windows paths
 * keep their backslashes. A Groovy statement with a bracket or quote still open goes on on the next line, as in
 * groovysh ({@code client('/mnt/c') {} ... {@code }}), at a terminal and over a pipe alike; a command line ends at
 * Enter, so a path with an unclosed quote is reported, not continued.
 */
final class StatementParser implements Parser {
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*(\\S+)");
    private static final Pattern GROOVY_USE = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*(\\(|=[^=]|\\.)");
    private final Set<String> commands;
    private final DefaultParser statements = parser(true);
    private final DefaultParser commandLines = parser(false);

    StatementParser(Set<String> commands) {
        this.commands = commands;
    }

    private static DefaultParser parser(boolean continues) {
        var parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        if (continues) {
            parser.setEofOnUnclosedQuote(true);
            parser.setEofOnUnclosedBracket(DefaultParser.Bracket.CURLY, DefaultParser.Bracket.ROUND, DefaultParser.Bracket.SQUARE);
        }
        return parser;
    }

    /** Whether {@code line} starts with one of the console's commands used as a command ({@code store C:\}, not {@code store('C:\\')}). */
    boolean isCommandLine(String line) {
        var first = FIRST_WORD.matcher(line);
        return first.find() && (commands.contains(first.group(1)) || first.group(1).equals("help"))
                && !GROOVY_USE.matcher(line).find();
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        return (isCommandLine(line) ? commandLines : statements).parse(line, cursor, context);
    }

    /** None: JLine would otherwise drop each backslash from the line (Parser's default), and Windows paths need them. */
    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** Whether {@code text} is a whole statement, or waits for more lines. */
    boolean complete(String text) {
        try {
            parse(text, text.length(), ParseContext.ACCEPT_LINE);
            return true;
        } catch (EOFError e) {
            return false;
        } catch (SyntaxError e) {
            return true; // a closing bracket too many: let the statement say what is wrong
        }
    }
}
