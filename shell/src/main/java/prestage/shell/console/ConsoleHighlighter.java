package prestage.shell.console;

import java.util.regex.Pattern;

import org.jline.builtins.SyntaxHighlighter;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line as it is typed: a command's name in bold, a Groovy statement by JLine's nanorc highlighter with
 * the syntax in {@code groovy.nanorc} (keywords, the recipe verbs, strings, numbers, comments). Nothing at all on a
 * terminal without colours or under NO_COLOR.
 */
final class ConsoleHighlighter implements Highlighter {
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*(\\S+)");
    private final StatementParser lines;
    private final boolean colour;
    private SyntaxHighlighter groovy;

    ConsoleHighlighter(StatementParser lines, boolean colour) {
        this.lines = lines;
        this.colour = colour;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        // the empty line is drawn with the first prompt: the nanorc rules are read at the first key, not before
        if (!colour || buffer.isBlank()) return new AttributedString(buffer);
        var first = FIRST_WORD.matcher(buffer);
        if (lines.isCommandLine(buffer) && first.find()) {
            var sb = new AttributedStringBuilder();
            sb.append(buffer.substring(0, first.start(1)));
            sb.styled(AttributedStyle.BOLD, first.group(1));
            sb.append(buffer.substring(first.end(1)));
            return sb.toAttributedString();
        }
        return groovy().highlight(buffer);
    }

    /** Read on the first statement typed, not before the prompt. */
    private synchronized SyntaxHighlighter groovy() {
        if (groovy == null) groovy = SyntaxHighlighter.build("classpath:/prestage/shell/console/groovy.nanorc");
        return groovy;
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // no error marking: a statement is checked when it runs
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
