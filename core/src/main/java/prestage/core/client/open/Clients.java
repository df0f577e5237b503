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

    /**
     * Whether {@code spec} names a machine on the network rather than a local folder: {@code \\host\C$},
     * {@code smb://...}, and {@code //host/C$} as smbclient and mount.cifs users write it (a local folder is written
     * with one leading slash).
     */
    public static boolean isRemote(String spec) {
        if (spec == null) return false;
        String s = spec.strip();
        return s.startsWith("\\\\") || s.regionMatches(true, 0, "smb://", 0, 6) || (s.startsWith("//") && !s.startsWith("///"));
    }

    /** A password written into an SMB address ({@code smb://user:PASSWORD@host}, or smbclient's {@code user%PASSWORD}). */
    private static final java.util.regex.Pattern PASSWORD_IN_ADDRESS = java.util.regex.Pattern.compile(
            "(?i)(smb://(?:[^;@/\\s'\"]*;)?[^:%;@/\\s'\"]*)[:%][^@/\\s'\"]*@");

    /**
     * {@code text} with the password part of every SMB address in it replaced by {@code ***}, for anything that shows or
     * keeps a target (messages, --json, results files, the console's history). Such an address is refused anyway.
     */
    public static String masked(String text) {
        return text == null ? null : PASSWORD_IN_ADDRESS.matcher(text).replaceAll("$1:***@");
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
