package prestage.shell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes prestage's shell completion scripts from the command tree, with picocli's {@link AutoComplete}: the build
 * runs it ({@code java ... prestage.shell.cli.CompletionScripts DIR}) so the scripts always match the commands.
 * <ul>
 *   <li>{@code DIR/prestage.bash}: for bash ({@code /usr/share/bash-completion/completions/prestage});</li>
 *   <li>{@code DIR/_prestage}: for zsh's fpath ({@code /usr/share/zsh/vendor-completions/_prestage}): picocli's
 *       script runs in zsh through bashcompinit, so the zsh file loads that and then the same script.</li>
 * </ul>
 */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompletionScripts DIR (writes DIR/prestage.bash and DIR/_prestage)");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String bash = bash();
        Files.writeString(dir.resolve("prestage.bash"), bash, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("_prestage"), zsh(bash), StandardCharsets.UTF_8);
    }

    /** picocli's bash script for the whole command tree, every verb included. */
    static String bash() {
        var cl = PrestageCommand.withVerbs(new CommandLine(new PrestageCommand()), null);
        return AutoComplete.bash("prestage", cl);
    }

    /**
     * A zsh completion function file: zsh autoloads it on the first Tab after {@code prestage}; it registers the bash
     * script's function through bashcompinit (which makes {@code complete -F} a compdef), then completes that Tab.
     */
    static String zsh(String bash) {
        return "#compdef prestage\n"
                + "# prestage's completion for zsh: picocli's bash script, run through zsh's bashcompinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash.replaceAll("(?m)^\\s*autoload -U \\+X compinit && compinit\\s*$", "")
                + "\n_bash_complete -F _complete_prestage \"$@\"\n";
    }
}
