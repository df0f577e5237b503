package prestage.shell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;

@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "Show, apply or compare the NT security descriptor of a folder or file.",
        subcommands = {AclCommand.Show.class, AclCommand.Apply.class, AclCommand.Diff.class})
final class AclCommand {
    static final String ACL_HELP = "SDDL (D:PAI(A;OICI;0x12008d;;;AU)...), icacls grants (*S-1-5-18:(OI)(CI)F,...), "
            + "@FILE (any of these, or the documentation's cacls listing), or a profile name (medv).";

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the descriptor of PATH.")
    static final class Show extends VerbCommand {
        @Parameters(paramLabel = "PATH")
        String path;

        @Option(names = "--format", paramLabel = "sddl|icacls|cacls|json", defaultValue = AclShowRequest.DEFAULT_FORMAT,
                description = "Output notation: SDDL, icacls' listing, the documentation's cacls listing, or JSON with "
                        + "names beside SIDs and rights (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() {
            return value(s -> s.verbs().aclShow(new AclShowRequest(path, format)));
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Set ACL on PATH and propagate inherited entries to what it contains.",
                    "Idempotent: a second run reports ok. With --what-if nothing is written; exit 3 if something would change."})
    static final class Apply extends VerbCommand {
        @Parameters(index = "0", paramLabel = "PATH")
        String path;

        @Parameters(index = "1", paramLabel = "ACL", description = ACL_HELP)
        String acl;

        @Option(names = "--protect", negatable = true,
                description = "Cut (or, with --no-protect, keep) the entries inherited from the parent. Default: as the ACL says (SDDL's P); "
                        + "icacls and cacls text cannot say, so PATH keeps its current setting.")
        Boolean protect;

        @Option(names = "--force", description = "Also apply an ACL that grants no one access (an empty DACL, 'D:'), which locks "
                + "everyone out, SYSTEM and Administrators included.")
        boolean force;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().aclApply(new AclApplyRequest(path, acl, protect, force)));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare PATH with ACL; exit status 3 when they differ.")
    static final class Diff extends VerbCommand {
        @Parameters(index = "0", paramLabel = "PATH")
        String path;

        @Parameters(index = "1", paramLabel = "ACL", description = ACL_HELP)
        String acl;

        @Override
        public Integer call() {
            return steps(s -> s.verbs().aclDiff(new AclDiffRequest(path, acl)));
        }
    }
}
