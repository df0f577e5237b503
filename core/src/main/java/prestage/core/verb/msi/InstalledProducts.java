package prestage.core.verb.msi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;
import prestage.core.registry.RootKey;

/**
 * What Windows Installer has installed on a client, as its Uninstall keys say: one subkey per product, named by its
 * ProductCode, holding DisplayName and DisplayVersion. A 32-bit package on an x64 client is recorded in the 32-bit
 * view (WOW6432Node), so both views are read.
 */
public final class InstalledProducts {
    static final RegistryKeyPath UNINSTALL = RegistryKeyPath.of(RootKey.HKEY_LOCAL_MACHINE, "SOFTWARE", "Microsoft", "Windows",
            "CurrentVersion", "Uninstall");

    /** One installed product; {@code where} is the key it was found in, for messages. */
    public record Product(String productCode, String name, String version, String where) {
    }

    private InstalledProducts() {
    }

    /** The product with this ProductCode, from either view. */
    public static Optional<Product> find(RegistryBackend registry, String productCode) throws IOException {
        for (RegLocation uninstall : places(registry)) {
            Optional<Product> p = read(registry, uninstall.child(productCode), productCode);
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    /** Every product whose DisplayName {@code name} accepts, from both views. */
    public static List<Product> named(RegistryBackend registry, Predicate<String> name) throws IOException {
        var out = new ArrayList<Product>();
        for (RegLocation uninstall : places(registry)) {
            for (String code : registry.subkeys(uninstall)) {
                read(registry, uninstall.child(code), code).filter(p -> name.test(p.name())).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The Uninstall key in the 64-bit and the 32-bit view, each physical place once. */
    private static List<RegLocation> places(RegistryBackend registry) {
        Map<String, RegLocation> out = new LinkedHashMap<>();
        for (RegistryView view : List.of(RegistryView.BITS_64, RegistryView.BITS_32)) {
            for (RegLocation l : registry.locate(UNINSTALL, view)) out.putIfAbsent(l.describe().toLowerCase(Locale.ROOT), l);
        }
        return List.copyOf(out.values());
    }

    private static Optional<Product> read(RegistryBackend registry, RegLocation key, String code) throws IOException {
        Optional<List<RegValue>> values = registry.values(key);
        if (values.isEmpty()) return Optional.empty();
        String name = text(values.get(), "DisplayName");
        String version = text(values.get(), "DisplayVersion");
        return Optional.of(new Product(code, name, version, key.describe()));
    }

    private static String text(List<RegValue> values, String name) {
        return values.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst().map(RegValue::displayData).orElse("");
    }
}
