package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import prestage.core.verb.store.StoreRequest;

@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Create (or, with --what-if, inspect) ROOT\\MED-V Images\\PrestagedImages with their exact names.")
final class StoreCommand extends VerbCommand {
    @Parameters(paramLabel = "ROOT", description = "The image store folder, e.g. 'C:\\' (with --target) or a local folder.")
    String root;

    @Override
    public Integer call() {
        return steps(s -> s.verbs().store(new StoreRequest(root)));
    }
}
