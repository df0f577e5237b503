package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Get, set, delete or export registry values (live, in an offline hive, or in a .reg file).",
        subcommands = {RegistryCommand.Get.class, RegistryCommand.Set.class, RegistryCommand.Delete.class, RegistryCommand.Export.class})
final class RegistryCommand {

    static final class ViewOption {
        @Option(names = "--view", paramLabel = "32|64", description = "Registry view: 32 or 64 (MED-V reads the 32-bit one).")
        Integer view;
    }


    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a value, or every value of KEY.")
    static final class Get extends VerbCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "NAME", arity = "0..1")
        String name;

        @Mixin
        ViewOption view;

        @Override
        public Integer call() {
            return value(s -> s.verbs().registryGet(key, name, view.view));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a value; creates missing keys.")
    static final class Set extends VerbCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Parameters(index = "2", paramLabel = "VALUE")
        String data;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "REG_SZ",
                description = "REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or REG_BINARY (default: ${DEFAULT-VALUE}).")
        String type;

        @Mixin
        ViewOption view;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registrySet(key, name, data, type, view.view));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a value, or KEY itself when no NAME is given.")
    static final class Delete extends VerbCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "NAME", arity = "0..1")
        String name;

        @Mixin
        ViewOption view;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registryDelete(key, name, view.view));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write KEY and its subkeys to a .reg file that 'reg import' reads.")
    static final class Export extends VerbCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "FILE.reg")
        String file;

        @Mixin
        ViewOption view;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registryExport(key, file, view.view));
        }
    }
}
