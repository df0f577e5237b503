package prestage.core.target;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import prestage.core.images.ReadOnlyMarker;
import prestage.core.registry.RegistryBackend;
import prestage.core.security.SecurityBackend;

/**
 * The client being prestaged. Recipes speak Windows paths ({@code C:\MED-V Images}); the target maps
 * them to local paths and picks the backends that store ACLs, attributes and registry values for it.
 */
public final class Target {
    private final TargetKind kind;
    private final Path drive;
    private final Lazy<SecurityBackend> security;
    private final Lazy<ReadOnlyMarker> readOnly;
    private final Lazy<RegistryBackend> registry;

    Target(TargetKind kind, Path drive, Supplier<SecurityBackend> security,
           Supplier<ReadOnlyMarker> readOnly, Supplier<RegistryBackend> registry) {
        this.kind = kind;
        this.drive = drive;
        this.security = new Lazy<>(security);
        this.readOnly = new Lazy<>(readOnly);
        this.registry = new Lazy<>(registry);
    }

    public TargetKind kind() {
        return kind;
    }

    /** The local folder that stands for the client's {@code C:\}, if this target has one. */
    public Optional<Path> drive() {
        return Optional.ofNullable(drive);
    }

    /** Maps a Windows path ({@code C:\X}) or a native path to the local path it names on this target. */
    public Path resolve(String path) {
        return WindowsPath.resolve(path, kind, drive);
    }

    /** How the client will see {@code local}: {@code C:\MED-V Images} under a drive, else the native path. */
    public String clientPath(Path local) {
        return WindowsPath.clientPath(local, kind, drive);
    }

    public SecurityBackend security() {
        return security.get();
    }

    public ReadOnlyMarker readOnly() {
        return readOnly.get();
    }

    public RegistryBackend registry() {
        return registry.get();
    }

    public String describe() {
        return switch (kind) {
            case LIVE_WINDOWS -> "this Windows machine";
            case NTFS_VOLUME -> "the NTFS volume mounted at " + drive;
            case FOLDER -> "the client folder " + drive;
            case NATIVE -> "local paths";
        };
    }

    /** Backends may need native libraries or files; open them only when a verb asks. */
    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = supplier.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
