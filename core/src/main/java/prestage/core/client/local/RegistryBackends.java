package prestage.core.client.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.client.ClientPath;
import prestage.core.registry.Bitness;
import prestage.core.client.local.registry.Registries;
import prestage.core.registry.RegistryBackend;

/**
 * Picks the registry backend for a target and the {@code --registry} option. {@code --registry} wins when given:
 * <ul>
 * <li>{@code FILE.reg}: a .reg file (created on the first write) that either kind of client may import;
 *     {@code x64:FILE.reg} or {@code x86:FILE.reg} says which kind will;</li>
 * <li>{@code HIVE}: an existing hive file, HKLM\SOFTWARE at its root;</li>
 * <li>{@code new-hive:HIVE}: that hive, created blank and x64-shaped (with WOW6432Node) by the first write when it
 *     does not exist yet; {@code new-hive-x86:HIVE} creates it x86-shaped.</li>
 * </ul>
 * Without it: an NTFS volume uses its {@code Windows/System32/config/SOFTWARE} hive, a plain folder the .reg file
 * {@code prestage.reg} at its top ({@code C:\prestage.reg} on the client), live Windows its own registry.
 */
public final class RegistryBackends {
    public static final String NEW_HIVE = "new-hive:";
    public static final String NEW_HIVE_X86 = "new-hive-x86:";
    public static final String FOLDER_REG_FILE = "prestage.reg";
    private static final List<String> SOFTWARE_HIVE = List.of("Windows", "System32", "config", "SOFTWARE");

    private RegistryBackends() {
    }

    /** A file on the client's drive, as this machine reaches it with no link on the way; empty when missing. */
    @FunctionalInterface
    public interface ClientFiles {
        Optional<Path> find(ClientPath path) throws IOException;
    }

    /**
     * @param drive the local folder standing for the client's C:, or null
     * @param files reaches files on the client's drive without leaving it
     */
    public static RegistryBackend forClient(LocalKind kind, Path drive, ClientFiles files, String registry) {
        if (registry != null && !registry.isBlank()) return fromSpec(registry.strip(), drive);
        return switch (kind) {
            case LIVE_WINDOWS -> Registries.live();
            case NTFS_VOLUME -> Registries.softwareHive(softwareHive(drive, files));
            case FOLDER -> Registries.regFile(onClient(files, new ClientPath("C:", List.of(FOLDER_REG_FILE)))
                    .orElse(drive.resolve(FOLDER_REG_FILE)), Bitness.UNKNOWN, "C:\\" + FOLDER_REG_FILE);
            case NATIVE -> throw new BadInputException("there is no client registry here: give --registry HIVE (an offline "
                    + "SOFTWARE hive), --registry FILE.reg, or --target the client's C: folder or volume");
        };
    }

    private static Optional<Path> onClient(ClientFiles files, ClientPath path) {
        try {
            return files.find(path);
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + path + ": " + e.getMessage());
        }
    }

    public static RegistryBackend fromSpec(String spec, Path drive) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith(NEW_HIVE)) return Registries.newSoftwareHive(path(spec.substring(NEW_HIVE.length()), spec), true);
        if (lower.startsWith(NEW_HIVE_X86)) return Registries.newSoftwareHive(path(spec.substring(NEW_HIVE_X86.length()), spec), false);
        Bitness pinned = Bitness.UNKNOWN;
        String rest = spec;
        if (lower.startsWith("x64:") || lower.startsWith("x86:")) {
            pinned = lower.startsWith("x64:") ? Bitness.X64 : Bitness.X86;
            rest = spec.substring(4);
        }
        Path file = path(rest, spec);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".reg")) {
            if (Files.isDirectory(file)) throw new BadInputException("--registry " + spec + " is a folder, not a .reg file");
            return Registries.regFile(file, pinned, clientPath(file, drive));
        }
        if (pinned != Bitness.UNKNOWN) {
            throw new BadInputException("--registry " + spec + ": x64: and x86: apply to .reg files only; a hive shows its "
                    + "bitness by having WOW6432Node or not");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException("--registry " + spec + " is a folder: give a hive file (e.g. Windows/System32/config/SOFTWARE) "
                    + "or a .reg file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException("--registry " + spec + ": no such hive file; give an existing hive, "
                    + NEW_HIVE + spec + " to create a blank one, or a name ending in .reg for a .reg file");
        }
        return Registries.softwareHive(file);
    }

    private static Path path(String text, String spec) {
        if (text.isBlank()) throw new BadInputException("--registry " + spec + ": the file name is missing");
        return Path.of(text).toAbsolutePath().normalize();
    }

    /** {@code C:\dir\file.reg} when the file sits on the client's drive, else null. */
    private static String clientPath(Path file, Path drive) {
        if (drive == null || !file.startsWith(drive)) return null;
        var sb = new StringBuilder("C:");
        for (Path p : drive.relativize(file)) sb.append('\\').append(p);
        return sb.toString();
    }

    /** Windows names are case-insensitive, so {@code windows/system32/CONFIG/software} is the same file. */
    static Path softwareHive(Path drive, ClientFiles files) {
        Optional<Path> found = onClient(files, new ClientPath("C:", SOFTWARE_HIVE));
        if (found.isEmpty() || !Files.isRegularFile(found.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("the volume " + drive + " has no Windows\\System32\\config\\SOFTWARE hive: give the "
                    + "mount point of the Windows volume, or --registry HIVE|FILE.reg");
        }
        return found.get();
    }
}
