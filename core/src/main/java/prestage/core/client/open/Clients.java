package prestage.core.client.open;

import java.util.ServiceLoader;

import prestage.core.BadInputException;
import prestage.core.client.Client;
import prestage.core.client.ClientProvider;
import prestage.core.client.ClientSettings;
import prestage.core.client.local.LocalClients;

/** Opens the client named by {@code --target}: a folder, an ntfs-3g mount point, {@code live}, or an SMB share. */
public final class Clients {
    private Clients() {
    }

    /** Whether this machine is Windows, told by its file names (core reads no system property). */
    public static boolean onWindows() {
        return java.io.File.separatorChar == '\\';
    }

    /** Whether {@code spec} names a machine on the network rather than a local folder. */
    public static boolean isRemote(String spec) {
        return spec != null && (spec.startsWith("\\\\") || spec.regionMatches(true, 0, "smb://", 0, 6));
    }

    /** As {@link #open(String, String, ClientSettings)} with nothing set: for tests and scratch clients, not a user's run. */
    public static Client open(String spec, String registry) {
        return open(spec, registry, ClientSettings.DEFAULTS);
    }

    /**
     * @param spec     {@code --target}: null for the default, {@code live}, a path, {@code \\host\C$} or {@code smb://...}
     * @param registry {@code --registry}: a hive or {@code .reg} file, or null to let the client decide
     * @param settings what the user set outside the command line (where plain folders keep descriptors, ...)
     */
    public static Client open(String spec, String registry, ClientSettings settings) {
        LocalClients.checkRegistry(registry); // a bad --registry is said before the client is opened, let alone changed
        if (spec == null || spec.isBlank()) {
            return onWindows() ? LocalClients.live(registry, settings) : LocalClients.nativePaths(registry, settings);
        }
        if (spec.equalsIgnoreCase("live")) {
            if (!onWindows()) {
                throw new BadInputException("--target live works only on Windows; here give the folder or ntfs-3g mount point that stands for the client's C: drive");
            }
            return LocalClients.live(registry, settings);
        }
        if (isRemote(spec)) {
            for (ClientProvider provider : ServiceLoader.load(ClientProvider.class)) {
                if (provider.accepts(spec)) return provider.open(spec, registry, settings);
            }
            throw new BadInputException("--target " + spec + ": this build of prestage has no SMB support (module prestage-smb)");
        }
        return LocalClients.folderOrVolume(spec, registry, settings);
    }
}
