package prestage.core.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a key of one view lives physically, for registries that are files (a hive, a .reg file) and so have
 * no WOW64 layer to ask. On 64-bit Windows the 32-bit view of {@code HKLM\SOFTWARE\X} is
 * {@code HKLM\SOFTWARE\WOW6432Node\X}; a 32-bit Windows has one view. The live backend lets Windows do this.
 */
public final class Wow64Redirection {
    public static final String NODE = "WOW6432Node";
    public static final RegistryKeyPath HKLM_SOFTWARE = RegistryKeyPath.of(RootKey.HKEY_LOCAL_MACHINE, "SOFTWARE");

    private Wow64Redirection() {
    }

    /**
     * The physical keys that stand for {@code key} in {@code view}. For a registry of unknown bitness (a .reg file
     * that either kind of client may import) the 32-bit view is both places: {@code WOW6432Node\X}, which a 32-bit
     * program reads on x64, and {@code X}, which it reads on x86.
     */
    public static List<RegistryKeyPath> locate(RegistryKeyPath key, RegistryView view, Bitness bitness) {
        if (view != RegistryView.BITS_32 || bitness == Bitness.X86 || !isRedirected(key)) return List.of(key);
        RegistryKeyPath mapped = toWow64(key);
        return bitness == Bitness.X64 ? List.of(mapped) : List.of(mapped, key);
    }

    /** HKLM\SOFTWARE and what lies below it, except keys that name WOW6432Node already and the shared Classes tree. */
    static boolean isRedirected(RegistryKeyPath key) {
        if (!key.startsWith(HKLM_SOFTWARE)) return false;
        List<String> below = key.namesBelow(HKLM_SOFTWARE);
        return below.isEmpty() || !(below.get(0).equalsIgnoreCase(NODE) || below.get(0).equalsIgnoreCase("Classes"));
    }

    /** True for HKLM\SOFTWARE\WOW6432Node and below: the caller named the 32-bit view by its physical path. */
    public static boolean namesWow64Node(RegistryKeyPath key) {
        if (!key.startsWith(HKLM_SOFTWARE)) return false;
        List<String> below = key.namesBelow(HKLM_SOFTWARE);
        return !below.isEmpty() && below.get(0).equalsIgnoreCase(NODE);
    }

    /** True for HKLM\SOFTWARE\Classes and below, whose WOW64 treatment is per subkey and not modelled here. */
    public static boolean isSharedClasses(RegistryKeyPath key) {
        if (!key.startsWith(HKLM_SOFTWARE)) return false;
        List<String> below = key.namesBelow(HKLM_SOFTWARE);
        return !below.isEmpty() && below.get(0).equalsIgnoreCase("Classes");
    }

    static RegistryKeyPath toWow64(RegistryKeyPath key) {
        var names = new ArrayList<String>();
        names.add(key.names().get(0));
        names.add(NODE);
        names.addAll(key.names().subList(1, key.names().size()));
        return new RegistryKeyPath(key.root(), names);
    }
}
