package prestage.core.verb.msi;

import prestage.core.OptionWords;
import prestage.core.msi.MsiCommand;

import java.util.List;
import java.util.Map;

import prestage.core.outcome.Step;

/** Puts what the msi verb built and ran into words: the step's message, its diff line and its JSON data. */
final class MsiWording {
    private static final String VERB = "msi";
    /** ERROR_SUCCESS_REBOOT_REQUIRED: the install succeeded and takes effect after a restart. */
    static final int RESTART_NEEDED = 3010;

    private MsiWording() {
    }

    /** The command, shown and not run. */
    static Step built(MsiCommand command) {
        return withData(Step.ok(VERB, command.packagePath(), command.toString()), command);
    }

    /** Under what-if: the command a run would start. */
    static Step wouldRun(MsiCommand command) {
        return withData(Step.changed(VERB, command.packagePath(), "would run " + command, List.of("+ " + command)), command);
    }

    /** msiexec's 0 is done and 3010 done with a restart to come; any other status is a failure that names it. */
    static Step ran(MsiCommand command, int exitCode) {
        String subject = command.packagePath();
        Step step;
        if (exitCode == 0) {
            step = Step.changed(VERB, subject, "installed: " + command, List.of("+ " + command));
        } else if (exitCode == RESTART_NEEDED) {
            step = Step.changed(VERB, subject, "installed, a restart is needed (msiexec " + RESTART_NEEDED + "): " + command, List.of("+ " + command));
        } else {
            step = Step.failed(VERB, subject, "msiexec exited with " + exitCode + ": " + command);
        }
        return withData(step, command);
    }

    static Step cannotStart(MsiCommand command, String client, String error) {
        return withData(Step.failed(VERB, command.packagePath(), "cannot start msiexec on " + client + ": " + error), command);
    }

    static Step interrupted(MsiCommand command) {
        return withData(Step.failed(VERB, command.packagePath(), "interrupted while msiexec ran: " + command), command);
    }

    /** {@code 30 min}, or {@code 45 s} below a minute. */
    static String duration(java.time.Duration d) {
        return d.toSeconds() < 60 || d.toSeconds() % 60 != 0 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    private static Step withData(Step step, MsiCommand command) {
        Map<String, Object> data = Map.of("command", command.toString(), "arguments", command.arguments());
        return step.withData(data);
    }

    /** The refusal when the client cannot run commands: where the command can run instead, and the command itself. */
    static String cannotRunOn(String client, MsiCommand command) {
        return "msi " + OptionWords.on("run") + ": cannot run commands on " + client + "; run it on the client itself (or through your deployment tool): "
                + command;
    }
}
