package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.operations.StatusRequest;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "One look at a client: layout, ACL drift, file integrity, read-only marks, registry value; exit 3 on drift.")
final class StatusCommand extends VerbCommand {
    @Parameters(paramLabel = "ROOT", description = "The image store folder, e.g. 'C:\\' with --target.")
    String root;

    @Option(names = "--msi", paramLabel = "PACKAGE", description = "The client package the install command names (default: the profile's, MED-V_1.0.65.msi).")
    String msiPackage;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().status(new StatusRequest(root, msiPackage)));
    }
}
