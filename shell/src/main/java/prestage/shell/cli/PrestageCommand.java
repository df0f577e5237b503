package prestage.shell.cli;

import prestage.shell.run.GlobalOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.IVersionProvider;
import prestage.core.outcome.Outcome;
import prestage.shell.console.PrestageConsole;
import prestage.shell.run.ConsoleDefaults;

@Command(name = "prestage",
        mixinStandardHelpOptions = true,
        versionProvider = PrestageCommand.Version.class,
        description = {
                "Prepares client machines for a prestaged MED-V image: the store folders, their NT ACL,",
                "the image files with proof of integrity, the registry value and the client's install command.",
                "With no command, opens the interactive console."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                Outcome.EXIT_DONE + ":done, or nothing to do",
                Outcome.EXIT_FAILED + ":a step failed",
                Outcome.EXIT_BAD_INPUT + ":bad usage or bad input (nothing was changed)",
                Outcome.EXIT_DRIFT + ":drift found (acl diff, verify, status; --what-if when something would change)"},
        footer = {"", "Windows paths (C:\\MED-V Images) resolve against --target. See README.md for recipes."})
public final class PrestageCommand implements Callable<Integer>, ConsoleDefaults {
    /** The verbs by the names their {@code @Command} gives, in the order help lists them. */
    public static final Map<String, Class<?>> VERBS = verbs(RunCommand.class, StoreCommand.class, AclCommand.class,
            PushCommand.class, VerifyCommand.class, RegistryCommand.class, MsiPackageCommand.class, StatusCommand.class,
            ShowCommand.class, RecipesCommand.class);

    private static Map<String, Class<?>> verbs(Class<?>... commands) {
        var m = new LinkedHashMap<String, Class<?>>();
        for (Class<?> c : commands) m.put(c.getAnnotation(Command.class).name(), c);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The launcher's class-data-sharing training run. It is not a user command, so it is kept out of {@link #VERBS}:
     * only the exact word on the command line reaches it, never help, completion, the console or a "the commands
     * are" list.
     */
    static final String TRAINING = "__train";

    /**
     * Adds the verbs to {@code cl}: only {@code verb} when it names one (building every command's model costs
     * a third of a short run's start-up), all of them for help, the console and unknown words.
     */
    public static CommandLine withVerbs(CommandLine cl, String verb) {
        if (TRAINING.equals(verb)) {
            cl.addSubcommand(TRAINING, TrainCommand.class);
        } else if (verb != null && VERBS.containsKey(verb)) {
            cl.addSubcommand(verb, VERBS.get(verb));
        } else {
            VERBS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    @Mixin(name = "global")
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private GlobalOptions consoleDefaults;

    /** Options the console was started with apply to every command typed in it. */
    public void consoleDefaults(GlobalOptions defaults) {
        this.consoleDefaults = defaults;
    }

    @Override
    public GlobalOptions consoleDefaults() {
        return consoleDefaults;
    }

    @Override
    public Integer call() {
        var options = GlobalOptions.merged(spec);
        return PrestageConsole.forSystem(options, out -> CommandTree.forConsole(out, options)).run();
    }

    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"prestage " + version()};
        }
    }

    public static String version() {
        return BuildInfo.describe();
    }
}
