package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "One look at a client: layout, ACL drift, file integrity, read-only marks, registry value; exit 3 on drift.")
final class StatusCommand extends VerbCommand {
    @Parameters(paramLabel = "ROOT", description = "The image store folder, e.g. 'C:\\' with --target.")
    String root;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().status(root));
    }
}
