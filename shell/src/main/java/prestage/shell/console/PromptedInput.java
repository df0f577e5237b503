package prestage.shell.console;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** A person at a terminal: JLine's line editor with the prompt, completion and history. */
record PromptedInput(LineReader reader, String prompt) implements ConsoleInput {

    @Override
    public String next() {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public boolean confirm(String question) {
        Object keep = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true); // a "y" is not worth recalling
        try {
            String answer = reader.readLine(question).trim().toLowerCase(java.util.Locale.ROOT);
            return answer.equals("y") || answer.equals("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, keep);
        }
    }
}
