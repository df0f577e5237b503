package prestage.shell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;

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

    /** picocli's bash script for the command tree users get, every verb included. */
    static String bash() {
        var quiet = new PrintWriter(Writer.nullWriter());
        return AutoComplete.bash("prestage", CommandTree.commandLine(quiet, quiet));
    }

    /**
     * A zsh completion function file: zsh autoloads it on the first Tab after {@code prestage}; picocli's script sets
     * up bashcompinit itself when it runs in zsh, registers its function ({@code complete -F} becomes a compdef), and
     * the last line completes that first Tab.
     */
    static String zsh(String bash) {
        return "#compdef prestage\n"
                + "# prestage's completion for zsh: picocli's bash script, run through zsh's bashcompinit\n"
                // the script's 'alias compopt=complete' comes too late for its own functions, parsed with this file;
                // compopt only fine-tunes bash's display (nospace), so zsh does without it
                + "compopt() { return 0; }\n"
                + bash
                + "\n_bash_complete -F _complete_prestage \"$@\"\n";
    }
}
