package prestage.core.client.local.registry;

import prestage.core.registry.Bitness;
import prestage.core.registry.RegistryBackend;

import java.nio.file.Path;

/**
 * The registry backends by what they are, for the client that picks one ({@code client.local.RegistryBackends}):
 * the backends themselves stay package-private, so only what they promise as {@link RegistryBackend} is seen outside.
 */
public final class Registries {
    private Registries() {
    }

    /** The registry of the Windows machine prestage runs on. */
    public static RegistryBackend live() {
        return new LiveRegistry();
    }

    /** An existing SOFTWARE hive, HKLM\SOFTWARE at its root. */
    public static RegistryBackend softwareHive(Path file) {
        return HiveRegistry.software(file);
    }

    /** A SOFTWARE hive created blank by the first write when missing, x64-shaped (with WOW6432Node) or x86-shaped. */
    public static RegistryBackend newSoftwareHive(Path file, boolean x64) {
        return HiveRegistry.newSoftware(file, x64);
    }

    /**
     * A .reg file created on the first write.
     *
     * @param clientPath how the client names the file ({@code C:\prestage.reg}), or null when it is not on its drive
     */
    public static RegistryBackend regFile(Path file, Bitness bitness, String clientPath) {
        return new RegFileRegistry(file, bitness, clientPath);
    }
}
