package prestage.core.registry;

import java.nio.file.Path;

import prestage.core.target.TargetKind;

/** Picks the registry backend for a target and the {@code --registry} option. */
public final class RegistryBackends {
    private RegistryBackends() {
    }

    public static RegistryBackend forTarget(TargetKind kind, Path drive, String registry) {
        throw new UnsupportedOperationException("registry backends arrive with issue 5");
    }
}
