package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;

@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Get, set, delete or export registry values (live, in an offline hive, or in a .reg file).",
        subcommands = {RegistryCommand.Get.class, RegistryCommand.Set.class, RegistryCommand.Delete.class, RegistryCommand.Export.class},
        footer = RegistryCommand.FOOTER)
final class RegistryCommand {
    static final String FOOTER = "%n"
            + "Where the registry is: --target live is this Windows; an NTFS volume uses its Windows\\System32\\config\\SOFTWARE "
            + "hive; a plain folder writes C:\\prestage.reg for 'reg import' on the client. --registry overrides: HIVE (an "
            + "offline hive, HKLM\\SOFTWARE at its root), new-hive:HIVE (created blank, x64-shaped, on the first write; "
            + "new-hive-x86:HIVE for an x86 one), FILE.reg (either client bitness: the 32-bit view goes to both "
            + "SOFTWARE\\WOW6432Node\\X and SOFTWARE\\X), x64:FILE.reg or x86:FILE.reg (one bitness).%n"
            + "Keys: HKLM\\..., HKEY_LOCAL_MACHINE\\..., HKLM:\\... (also HKCU, HKCR, HKU, HKCC). NAME @ or '' is the key's "
            + "default value.";

    static final String VALUE_HELP = "The data: text for REG_SZ and REG_EXPAND_SZ; decimal or 0x hex for REG_DWORD and "
            + "REG_QWORD; strings separated by \\0 for REG_MULTI_SZ (as reg.exe takes them: 'a\\0b'); hex bytes for "
            + "REG_BINARY ('01 ff 2a' or 01,ff,2a).";

    /** What every registry subcommand takes: the key first, and the view to reach it in. */
    abstract static class KeyCommand extends VerbCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "The key, e.g. 'HKLM\\SOFTWARE\\Kidaro'.")
        String key;

        @Option(names = "--view", paramLabel = "32|64", description = "Registry view: 32 or 64 (MED-V reads the 32-bit one).")
        Integer view;
    }


    @Command(name = "get", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "Print a value, or every value and subkey of KEY, as 'reg query' does, under the key's physical path.")
    static final class Get extends KeyCommand {
        @Parameters(index = "1", paramLabel = "NAME", arity = "0..1", description = "The value's name; without it, the whole key.")
        String name;

        @Override
        public Integer call() {
            return value(s -> s.verbs().registryGet(new RegistryGetRequest(key, name, view)));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "Set a value; creates missing keys. A value already as asked is reported ok and not rewritten.")
    static final class Set extends KeyCommand {
        @Parameters(index = "1", paramLabel = "NAME", description = "The value's name, e.g. PrestagedImagesPath.")
        String name;

        @Parameters(index = "2", paramLabel = "VALUE", description = VALUE_HELP)
        String data;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = RegistrySetRequest.DEFAULT_TYPE,
                description = "REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_MULTI_SZ or REG_BINARY (default: ${DEFAULT-VALUE}).")
        String type;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registrySet(new RegistrySetRequest(key, name, data, type, view)));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "Delete a value, or KEY with everything below it when no NAME is given; absent already is ok.")
    static final class Delete extends KeyCommand {
        @Parameters(index = "1", paramLabel = "NAME", arity = "0..1", description = "The value to delete; without it, the key.")
        String name;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registryDelete(new RegistryDeleteRequest(key, name, view)));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "Write KEY and its subkeys to a .reg file as regedit exports it (UTF-16LE, CRLF), for 'reg import'.")
    static final class Export extends KeyCommand {
        @Parameters(index = "1", paramLabel = "FILE.reg", description = "The file to write (a C:\\ path resolves against --target).")
        String file;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().registryExport(new RegistryExportRequest(key, file, view)));
        }
    }
}
