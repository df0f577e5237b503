package prestage.core.verb.msi;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import prestage.core.verb.Context;

/**
 * Is the MED-V client installed on this client already? Prestaged images serve only its first download, never an
 * image update, so push and status say so (a warning, not a failure) where the Uninstall keys (both views) list it.
 */
public final class MedvInstalled {
    private MedvInstalled() {
    }

    /** MED-V 1.0's Add/Remove Programs name, and the short one. */
    static boolean isMedv(String displayName) {
        String n = displayName.toLowerCase(Locale.ROOT);
        return n.contains("enterprise desktop virtualization") || n.startsWith("med-v") || n.startsWith("microsoft med-v");
    }

    /** The installed MED-V client, if the client's registry can be read and lists one; never fails. */
    public static Optional<InstalledProducts.Product> find(Context ctx) {
        if (ctx.whatIf()) return Optional.empty(); // reading may need a service started (a network client); what-if starts nothing
        try {
            List<InstalledProducts.Product> found = InstalledProducts.named(ctx.client().registry(), MedvInstalled::isMedv);
            return found.stream().findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a client without a readable registry: nothing to say
        }
    }

    /** Warns once per run when MED-V is installed: the pushed image will not be used for an update. */
    public static void warnIfInstalled(Context ctx) {
        find(ctx).ifPresent(p -> ctx.warn("MED-V is installed on " + ctx.client().describe() + " (" + p.name() + " " + p.version() + ", "
                + p.where() + "): prestaged images serve only the client's first download, so a pushed image will not be used for an "
                + "update; distribute updates from the MED-V server"));
    }
}
