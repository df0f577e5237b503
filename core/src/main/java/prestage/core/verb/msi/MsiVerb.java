package prestage.core.verb.msi;

import prestage.core.OptionWords;
import prestage.core.msi.CmdText;
import prestage.core.msi.MsiCommand;
import prestage.core.msi.MsiProperty;

import java.io.IOException;
import java.util.LinkedHashMap;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.outcome.Step;

/** Builds the MED-V client install command from validated properties. */
public record MsiVerb(Context ctx, MsiRunLimits limits) {

    public MsiVerb(Context ctx) {
        this(ctx, MsiRunLimits.DEFAULT);
    }

    /** The command, its properties checked; with {@link MsiRequest#run()} also run on the client. */
    public MsiCommand build(MsiRequest request) {
        String packagePath = request.packagePath();
        boolean force = request.force();
        var checked = new LinkedHashMap<String, String>();
        request.properties().forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new BadInputException("msi: '" + name + "' is not a property name; write NAME=VALUE");
            }
            String v = value == null ? "" : value;
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if (checked.containsKey(upper)) {
                // msiexec keeps the last one silently; which one the admin meant is not ours to guess
                throw new BadInputException("msi: " + upper + " is given twice (" + upper + "=" + checked.get(upper) + " and " + name + "=" + v
                        + "); give it once");
            }
            CmdText.requireSafe("msi: " + upper + "=" + v, v);
            var known = MsiProperty.named(name);
            if (known.isEmpty()) {
                if (!force) {
                    throw new BadInputException("msi: unknown property '" + name + "'; the MED-V client knows " + MsiProperty.known()
                            + " (add " + OptionWords.on("force") + " to pass it anyway)");
                }
                if (CmdText.backslashBeforeClosingQuote(v)) {
                    throw new BadInputException("msi: " + upper + "=" + v + " ends in a backslash inside quotes, and msiexec reads \\\" as a "
                            + "quote that does not end the value; drop the trailing backslash");
                }
                ctx.warn("msi: passing undocumented property " + name);
                checked.put(upper, v);
                return;
            }
            if (!known.get().accepts(v)) {
                throw new BadInputException("msi: " + known.get().name() + "=" + v + " is not valid; it takes " + known.get().expected());
            }
            if (known.get().isPath() && CmdText.backslashBeforeClosingQuote(v)) {
                String trimmed = CmdText.withoutTrailingBackslashes(v);
                ctx.warn("msi: " + known.get().name() + "=" + v + " is written as \"" + trimmed + "\": a backslash before the closing quote "
                        + "makes msiexec read \\\" as a quote inside the value, so the trailing backslash is dropped (the same folder)");
                v = trimmed;
            }
            checked.put(known.get().name(), v);
        });
        String vms = checked.get(MsiProperty.VMSFOLDER.name());
        request.preparedStore().ifPresent(root -> {
            if (vms == null) {
                ctx.warn("msi: VMSFOLDER is not set; the client will use its default, %SystemDrive%\\MED-V Images\\, not " + root);
            } else if (!trimSlash(vms).equalsIgnoreCase(trimSlash(root))) {
                ctx.warn("msi: VMSFOLDER=" + vms + " is not the store this run prepared (" + root + ")");
            }
        });
        var command = new MsiCommand(packagePath, checked, request.quiet(), request.log());
        ctx.record(!request.run() ? MsiWording.built(command)
                : ctx.client().remoteInstaller().isPresent() ? new RemoteInstall(ctx, limits, ctx.client().remoteInstaller().get()).install(request, command)
                : install(command));
        return command;
    }

    /**
     * Runs the command through the client (live Windows runs msiexec; a client that cannot run commands refuses,
     * as bad input, before anything ran). Any status but done (0) or done-after-a-restart (3010) is a failed step,
     * so a recipe stops there.
     */
    private Step install(MsiCommand command) {
        var runner = ctx.client().commands().orElseThrow(() -> new BadInputException(
                MsiWording.cannotRunOn(ctx.client().describe(), command)));
        if (ctx.whatIf()) return MsiWording.wouldRun(command);
        try {
            return MsiWording.ran(command, runner.run(command.arguments()));
        } catch (IOException e) {
            return MsiWording.cannotStart(command, ctx.client().describe(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MsiWording.interrupted(command);
        }
    }

    private static String trimSlash(String s) {
        return s.replaceAll("[\\\\/]+$", "");
    }
}
