package prestage.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.msi.MsiCommand;
import prestage.core.verb.msi.MsiRequest;

@Command(name = "msi", mixinStandardHelpOptions = true,
        description = {"Print the MED-V client install command with validated properties, e.g.",
                "  prestage msi MED-V_1.0.65.msi \"VMSFOLDER=C:\\MED-V Images\" START_MEDV=0 --quiet"})
final class MsiPackageCommand extends VerbCommand {
    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The client package, e.g. MED-V_1.0.65.msi.")
    String packagePath;

    @Parameters(index = "1..*", paramLabel = "PROPERTY=VALUE",
            description = "INSTALLDIR, VMSFOLDER, INSTALL_ADMIN_TOOLS, START_AUTOMATICALLY, SERVER_ADDRESS, SERVER_PORT, "
                    + "SERVER_SSL, START_MEDV, DESKTOP_SHORTCUT, MINIMAL_RAM_REQUIRED, SKIP_OS_CHECK.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--quiet", description = "Add /quiet (no user interface).")
    boolean quiet;

    @Option(names = "--log", paramLabel = "FILE", description = "Add /log FILE.")
    String log;

    @Option(names = "--force", description = "Pass properties the documentation does not list.")
    boolean force;

    @Option(names = "--run", description = "Run it on the client and wait: live Windows runs msiexec; a Windows machine on the network "
            + "gets the package copied and installed through a one-shot service (quiet, verbose log brought back; not again when that "
            + "version is installed). Other clients refuse (exit 2).")
    boolean run;

    @Override
    public Integer call() {
        var props = MsiRequest.properties(properties);
        return value(s -> {
            MsiCommand command = s.verbs().msi(new MsiRequest(packagePath, props, quiet, log, force, run, Optional.empty()));
            // a run is a step (changed or failed) that says what ran; only a printed command is the value
            return run ? null : command.toString();
        });
    }
}
