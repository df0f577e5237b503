package prestage.core.verb.msi;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import prestage.core.registry.RegistryBackend;
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

    /**
     * Warns once per run when MED-V is installed: the pushed image will not be used for an update. Reads the Uninstall
     * keys only where the registry is readable as the client is (no service is started for a warning); where it is not,
     * says that it was not checked, and why.
     */
    public static void warnIfInstalled(Context ctx) {
        if (ctx.whatIf()) return; // what-if reads no more than it must
        String where = ctx.client().describe();
        RegistryBackend registry;
        try {
            registry = ctx.client().registryAsItIs();
        } catch (IOException e) {
            ctx.warn("whether MED-V is installed on " + where + " was not checked: " + e.getMessage() + " (where it is, a pushed "
                    + "image serves no update)");
            return;
        } catch (RuntimeException e) {
            return; // a client without a registry to read: nothing to say
        }
        Optional<InstalledProducts.Product> found;
        try {
            found = InstalledProducts.named(registry, MedvInstalled::isMedv).stream().findFirst();
        } catch (IOException | RuntimeException e) {
            return; // a client without a readable registry (a folder with no .reg file): nothing to say
        }
        found.ifPresent(p -> ctx.warn("MED-V is installed on " + where + " (" + p.name() + " " + p.version() + ", " + p.where()
                + "): prestaged images serve only the client's first download, so a pushed image will not be used for an update; "
                + "distribute updates from the MED-V server"));
    }
}
