package prestage.shell.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.IVersionProvider;
import prestage.shell.console.PrestageConsole;

@Command(name = "prestage",
        mixinStandardHelpOptions = true,
        versionProvider = PrestageCommand.Version.class,
        description = {
                "Prepares client machines for a prestaged MED-V image: the store folders, their NT ACL,",
                "the image files with proof of integrity, the registry value and the client's install command.",
                "With no command, opens the interactive console."},
        subcommands = {
                RunCommand.class, StoreCommand.class, AclCommand.class, PushCommand.class, VerifyCommand.class,
                RegistryCommand.class, MsiPackageCommand.class, StatusCommand.class, TrainCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done, or nothing to do",
                "1:a step failed",
                "2:bad usage or bad input (nothing was changed)",
                "3:drift found (acl diff, verify, status; --what-if when something would change)"},
        footer = {"", "Windows paths (C:\\MED-V Images) resolve against --target. See README.md for recipes."})
public final class PrestageCommand implements Callable<Integer> {
    @Mixin(name = "global")
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private GlobalOptions consoleDefaults;

    /** Options the console was started with apply to every command typed in it. */
    public void consoleDefaults(GlobalOptions defaults) {
        this.consoleDefaults = defaults;
    }

    GlobalOptions consoleDefaults() {
        return consoleDefaults;
    }

    @Override
    public Integer call() {
        var options = GlobalOptions.merged(spec);
        return PrestageConsole.forSystem(options).run();
    }

    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"prestage " + version()};
        }
    }

    public static String version() {
        String v = PrestageCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
