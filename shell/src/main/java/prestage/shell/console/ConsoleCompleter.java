package prestage.shell.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import prestage.core.client.Client;
import prestage.core.profile.Profile;

/**
 * Completion that knows what each word is. The first word: the commands (hidden ones never), the console's own
 * words and Groovy's names. After a command, the command tree says what the word is ({@link ArgumentPosition}) and
 * its declaration says what kind of value it takes ({@link ArgumentKind}): only then are paths offered, and only of
 * the machine the value is on. A line that is not a command is a Groovy statement ({@link GroovyCompleter}).
 */
final class ConsoleCompleter implements Completer {
    private static final List<String> CONSOLE_WORDS = List.of("help", "exit");
    private final CommandLine commands;
    private final ClientPathCompleter clientPaths;
    private final RegistryKeyCompleter registryKeys;
    private final RecipeCompleter recipes = new RecipeCompleter();
    private final GroovyCompleter groovy;
    private final Completer localFiles = new Completers.FilesCompleter(() -> Path.of("").toAbsolutePath());

    ConsoleCompleter(CommandLine commands, Supplier<Client> client, Supplier<Map<String, Object>> variables) {
        this.commands = commands;
        this.clientPaths = new ClientPathCompleter(client);
        this.registryKeys = new RegistryKeyCompleter(client);
        this.groovy = new GroovyCompleter(variables);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (line.wordIndex() == 0) {
            commandNames(commands, "commands", candidates);
            CONSOLE_WORDS.forEach(w -> candidates.add(new Candidate(w, w, "commands", null, null, null, true)));
            groovy.complete(word, candidates);
            return;
        }
        var at = ArgumentPosition.of(commands, line.words(), line.wordIndex(), word);
        if (at == null) {
            groovy.complete(word, candidates);
        } else if (at.atOptionName(word)) {
            options(at.command(), candidates);
        } else if (at.atSubcommand(word)) {
            commandNames(at.command().commandLine(), at.command().qualifiedName(" "), candidates);
        } else if (at.argument() != null) {
            values(reader, line, at, word, candidates);
        }
    }

    private void values(LineReader reader, ParsedLine line, ArgumentPosition at, String word, List<Candidate> candidates) {
        ArgumentKind kind = ArgumentKind.of(at.argument());
        String prefix = at.valuePrefix();
        String value = word.substring(prefix.length());
        for (String choice : kind.choices()) candidates.add(new Candidate(prefix + choice, choice, null, null, null, null, true));
        switch (kind.kind()) {
            case CLIENT_PATH -> clientPaths.complete(value, candidates);
            case REGISTRY_KEY -> registryKeys.complete(value, candidates);
            case LOCAL_PATH -> localFiles.complete(reader, line, candidates);
            case RECIPE -> {
                recipes.names(candidates);
                if (value.contains("/") || value.startsWith(".")) localFiles.complete(reader, line, candidates);
            }
            case RECIPE_PARAMETER -> recipes.parameters(at.positionals().isEmpty() ? null : at.positionals().get(0), candidates);
            case ACL -> {
                candidates.add(new Candidate(Profile.MEDV.name(), Profile.MEDV.name(), "profiles", Profile.MEDV.acl(), null, null, true));
            }
            default -> { }
        }
    }

    /** The subcommands people may use: hidden ones ({@code __train}) are not offered. */
    private static void commandNames(CommandLine parent, String group, List<Candidate> candidates) {
        parent.getSubcommands().forEach((name, sub) -> {
            var usage = sub.getCommandSpec().usageMessage();
            if (usage.hidden()) return;
            String about = usage.description().length == 0 ? null : usage.description()[0];
            candidates.add(new Candidate(name, name, group, about, null, null, true));
        });
    }

    private static void options(CommandSpec spec, List<Candidate> candidates) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            String name = o.longestName();
            boolean takesValue = o.arity().max() > 0 && o.type() != boolean.class && o.type() != Boolean.class;
            String about = o.description().length == 0 ? null : o.description()[0];
            candidates.add(new Candidate(takesValue ? name + "=" : name, name, null, about, null, null, !takesValue));
        }
    }
}
