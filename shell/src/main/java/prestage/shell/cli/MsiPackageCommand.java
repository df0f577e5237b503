package prestage.shell.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.BadInputException;
import prestage.core.msi.MsiCommand;
import prestage.core.client.Clients;

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

    @Option(names = "--run", description = "Run the command (Windows only) and wait for it.")
    boolean run;

    @Override
    public Integer call() {
        var props = new LinkedHashMap<String, String>();
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new BadInputException("msi: '" + p + "' is not PROPERTY=VALUE");
            String name = p.substring(0, eq);
            for (String earlier : props.keySet()) {
                if (earlier.equalsIgnoreCase(name)) {
                    throw new BadInputException("msi: " + name.toUpperCase(java.util.Locale.ROOT) + " is given twice (" + earlier + "="
                            + props.get(earlier) + " and " + p + "); give it once");
                }
            }
            props.put(name, p.substring(eq + 1));
        }
        if (run && !Clients.onWindows()) {
            throw new BadInputException("msi --run works only on Windows; run the printed command on the client instead");
        }
        return value(s -> {
            MsiCommand command = s.verbs().msi(packagePath, props, quiet, log, force);
            if (run) return runOnWindows(command);
            return command.toString();
        });
    }

    /** 0 and 3010 (reboot needed) are success for msiexec; anything else is reported with its code. */
    private static String runOnWindows(MsiCommand command) {
        try {
            int code = new ProcessBuilder(command.arguments()).inheritIO().start().waitFor();
            if (code != 0 && code != 3010) throw new IllegalStateException("msiexec exited with " + code + ": " + command);
            return command + (code == 3010 ? "  (done; a restart is needed)" : "  (done)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start msiexec: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while msiexec ran", e);
        }
    }
}
