package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.images.VerifyRequest;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-hash every file in DIR against DIR\\SHA256SUMS (several files at once) and report missing, extra "
                + "and changed files; for a file push wrote, the first chunk (64 MiB) that differs is named.",
                "Exit status: 0 intact, 1 a file could not be read or marked, 2 bad input (no or damaged manifest), "
                        + "3 drift (missing, extra or changed files)."})
final class VerifyCommand extends VerbCommand {
    @Parameters(paramLabel = "DIR", description = "The folder push copied the images to.")
    String dir;

    @Option(names = "--read-only", description = "Mark the intact files read-only afterwards: the DOS attribute on Windows and "
            + "on an ntfs-3g volume, no write bits in a plain folder.")
    boolean readOnly;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().verify(new VerifyRequest(dir, readOnly)));
    }
}
