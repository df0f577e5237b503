package prestage.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import prestage.core.OptionWords;
import prestage.dsl.Grammar;
import prestage.dsl.VerbForm;

/**
 * Issue 24: the recipe grammar and the command line name the same verbs and options, so a refusal core words with
 * {@link OptionWords} names a flag the command line really has.
 */
class GrammarFacesTest {
    /** Recipe-only words: a block on another client and another recipe. */
    private static final Set<String> RECIPE_ONLY = Set.of("client", "include");
    /** What the command line takes as a positional argument (push SOURCE...). */
    private static final Set<String> POSITIONAL_ON_THE_COMMAND_LINE = Set.of("push.from");

    @Test
    void everyRecipeVerbIsACommandAndEveryNamedOptionAFlagOfIt() {
        CommandLine cli = CommandTree.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        var checked = new ArrayList<String>();
        for (VerbForm form : Grammar.forms()) {
            if (RECIPE_ONLY.contains(form.word())) continue;
            CommandLine command = cli.getSubcommands().get(form.word());
            assertNotNull(command, "the recipe verb " + form.name() + " has no command " + form.word());
            if (!form.name().equals(form.word())) {
                command = command.getSubcommands().get(form.name().substring(form.word().length() + 1));
            } else if (!command.getSubcommands().isEmpty()) {
                command = command.getSubcommands().get("apply"); // acl PATH ACL is acl apply
            }
            assertNotNull(command, form.name());
            for (String option : form.options().keySet()) {
                if (POSITIONAL_ON_THE_COMMAND_LINE.contains(form.name() + "." + option)) continue;
                String flag = OptionWords.Face.COMMAND_LINE.word(OptionWords.named(option));
                assertNotNull(command.getCommandSpec().findOption(flag), form.name() + " " + option + ": no " + flag + " on the command line");
                checked.add(form.name() + " " + flag);
            }
        }
        assertTrue(checked.contains("verify --read-only"), checked.toString());
        assertTrue(checked.contains("acl --force"), checked.toString());
    }

    @Test
    void theConsoleOffersTheRecipeVerbsTheGrammarDeclares() {
        assertEquals(List.of("store", "acl", "push", "verify", "registry", "msi", "status", "client", "include"), List.copyOf(Grammar.words()));
    }
}
