package prestage.shell.console;

import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * How the console splits a line: words on spaces, quotes kept together, and no escape character, so Windows paths
 * keep their backslashes. A statement with a bracket or quote still open goes on on the next line, as in groovysh
 * ({@code client('/mnt/c') {} ... {@code }}), at a terminal and over a pipe alike.
 */
final class StatementParser {
    private StatementParser() {
    }

    static DefaultParser create() {
        var parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnUnclosedBracket(DefaultParser.Bracket.CURLY, DefaultParser.Bracket.ROUND, DefaultParser.Bracket.SQUARE);
        return parser;
    }

    /** Whether {@code text} is a whole statement, or waits for more lines. */
    static boolean complete(Parser parser, String text) {
        try {
            parser.parse(text, text.length(), Parser.ParseContext.ACCEPT_LINE);
            return true;
        } catch (EOFError e) {
            return false;
        } catch (SyntaxError e) {
            return true; // a closing bracket too many: let the statement say what is wrong
        }
    }
}
