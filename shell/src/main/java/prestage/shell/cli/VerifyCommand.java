package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash the files in DIR against its manifest; exit status 3 when any is missing, extra or changed.")
final class VerifyCommand extends VerbCommand {
    @Parameters(paramLabel = "DIR")
    String dir;

    @Option(names = "--read-only", description = "Mark the files read-only afterwards.")
    boolean readOnly;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().verify(dir, readOnly));
    }
}
