package prestage.core.client;

import java.util.Locale;
import java.util.ServiceLoader;

import prestage.core.BadInputException;
import prestage.core.client.local.LocalClients;

/** Opens the client named by {@code --target}: a folder, an ntfs-3g mount point, {@code live}, or an SMB share. */
public final class Clients {
    private Clients() {
    }

    public static boolean onWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Whether {@code spec} names a machine on the network rather than a local folder. */
    public static boolean isRemote(String spec) {
        return spec != null && (spec.startsWith("\\\\") || spec.regionMatches(true, 0, "smb://", 0, 6));
    }

    /**
     * @param spec     {@code --target}: null for the default, {@code live}, a path, {@code \\host\C$} or {@code smb://...}
     * @param registry {@code --registry}: a hive or {@code .reg} file, or null to let the client decide
     */
    public static Client open(String spec, String registry) {
        if (spec == null || spec.isBlank()) {
            return onWindows() ? LocalClients.live(registry) : LocalClients.nativePaths(registry);
        }
        if (spec.equalsIgnoreCase("live")) {
            if (!onWindows()) {
                throw new BadInputException("--target live works only on Windows; here give the folder or ntfs-3g mount point that stands for the client's C: drive");
            }
            return LocalClients.live(registry);
        }
        if (isRemote(spec)) {
            for (ClientProvider provider : ServiceLoader.load(ClientProvider.class)) {
                if (provider.accepts(spec)) return provider.open(spec, registry);
            }
            throw new BadInputException("--target " + spec + ": this build of prestage has no SMB support (module prestage-smb)");
        }
        return LocalClients.folderOrVolume(spec, registry);
    }
}
