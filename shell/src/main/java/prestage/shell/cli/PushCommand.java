package prestage.shell.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.images.PushOptions;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Copy image files into DIR, hashing them on the way, and write the manifest (SHA256SUMS).",
                "A file is written under a temporary name and renamed when whole; an interrupted push resumes."})
final class PushCommand extends VerbCommand {
    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Image files or folders holding them.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The PrestagedImages folder.")
    String to;

    @Option(names = "--include", paramLabel = "GLOB", description = "File names to take (default: *.ckm and *.index); repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "0", description = "Files copied at once (default: chosen for this machine).")
    int jobs;

    @Option(names = "--force", description = "Replace files marked read-only.")
    boolean force;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().push(sources, to, new PushOptions(includes, jobs, force)));
    }
}
