package prestage.shell.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Copy image files into DIR, hashing them on the way (SHA-256, one read per file, several files at once), "
                + "and record them in DIR\\SHA256SUMS (checkable with 'sha256sum -c') and SHA256SUMS.prestage.json.",
                "A file is written under a hidden temporary name, flushed to disk and renamed when whole, so a file under its "
                        + "final name is always complete and is exactly the bytes its SHA-256 describes. A push that was killed "
                        + "resumes after the part it checked. A file already in place is left alone (ok); a different one is "
                        + "replaced, unless it is read-only (then give --force). Nothing is written when the volume lacks the "
                        + "space for the whole push.",
                "A folder contributes the files directly in it that match --include; a file named on its own is pushed "
                        + "whatever its name. Symbolic links are followed (the store gets a copy under the link's name).",
                "Exit status: 0 done, 1 a file failed, 2 bad input (nothing changed), 3 with --what-if: something would change."})
final class PushCommand extends VerbCommand {
    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Image files or folders holding them.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The PrestagedImages folder, e.g. 'C:\\MED-V Images\\PrestagedImages'.")
    String to;

    @Option(names = "--include", paramLabel = "GLOB", description = "File names to take from source folders, any case "
            + "(default: *.ckm and *.index); repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "0", description = "Files copied at once (default: "
            + "half the cores, 2 to 4).")
    int jobs;

    @Option(names = "--force", description = "Replace files marked read-only.")
    boolean force;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().push(new PushRequest(sources, to, new PushOptions(includes, jobs, force))));
    }
}
