package prestage.core.verb.registry;

import prestage.core.BadInputException;
import prestage.core.registry.RegistryView;

/** {@code registry export KEY FILE.reg}: a {@code C:\} file resolves on the client. */
public record RegistryExportRequest(String key, String file, Integer view) {
    public RegistryExportRequest {
        if (file == null || file.isBlank()) throw new BadInputException("registry export " + key + ": give the .reg file to write");
        RegistryView.of(view);
    }

    public RegistryView registryView() {
        return RegistryView.of(view);
    }
}
