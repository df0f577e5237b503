package prestage.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;

/**
 * A registry held in memory, shaped like a hive of the given bitness (physical paths, so a 32-bit view on x64 lands
 * under WOW6432Node as {@link prestage.core.registry.Wow64Redirection} says). Keys and value names are matched
 * without regard to case, as Windows does. Every applied edit is kept in {@link #edits()}, in order.
 */
public final class MemoryRegistry implements RegistryBackend {
    private final Bitness bitness;
    /** Lower-cased key path to its values, in stored order (lower-cased name to value). */
    private final Map<String, LinkedHashMap<String, RegValue>> keys = new TreeMap<>();
    private final Map<String, RegistryKeyPath> spelled = new TreeMap<>();
    private final List<RegEdit> edits = new ArrayList<>();

    public MemoryRegistry(Bitness bitness) {
        this.bitness = bitness;
    }

    @Override
    public String describe() {
        return "the in-memory registry";
    }

    @Override
    public Bitness bitness() {
        return bitness;
    }

    @Override
    public synchronized Optional<List<RegValue>> values(RegLocation at) {
        var values = keys.get(key(at.key()));
        return values == null ? Optional.empty() : Optional.of(List.copyOf(values.values()));
    }

    @Override
    public synchronized List<String> subkeys(RegLocation at) {
        String prefix = key(at.key()) + "\\";
        var out = new ArrayList<String>();
        spelled.forEach((k, path) -> {
            if (k.startsWith(prefix) && k.indexOf('\\', prefix.length()) < 0) out.add(path.leaf());
        });
        return out;
    }

    @Override
    public synchronized void apply(List<RegEdit> batch) {
        for (RegEdit edit : batch) {
            edits.add(edit);
            if (edit instanceof RegEdit.SetValue set) {
                createKey(set.at().key());
                keys.get(key(set.at().key())).put(set.value().name().toLowerCase(Locale.ROOT), set.value());
            } else if (edit instanceof RegEdit.DeleteValue del) {
                var values = keys.get(key(del.at().key()));
                if (values != null) values.remove(del.name().toLowerCase(Locale.ROOT));
            } else if (edit instanceof RegEdit.DeleteKey del) {
                String k = key(del.at().key());
                keys.keySet().removeIf(x -> x.equals(k) || x.startsWith(k + "\\"));
                spelled.keySet().removeIf(x -> x.equals(k) || x.startsWith(k + "\\"));
            }
        }
    }

    /** Sets a value directly, as an earlier install would have left it; not recorded as an edit. */
    public synchronized MemoryRegistry with(RegistryKeyPath physicalKey, RegValue value) {
        createKey(physicalKey);
        keys.get(key(physicalKey)).put(value.name().toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** The value at a physical key, whatever the views. */
    public synchronized Optional<RegValue> get(RegistryKeyPath physicalKey, String name) {
        var values = keys.get(key(physicalKey));
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every edit applied through {@link #apply}, in order. */
    public synchronized List<RegEdit> edits() {
        return List.copyOf(edits);
    }

    private void createKey(RegistryKeyPath path) {
        for (RegistryKeyPath p = path; ; p = p.parent()) {
            keys.computeIfAbsent(key(p), k -> new LinkedHashMap<>());
            spelled.putIfAbsent(key(p), p);
            if (p.isRoot()) break;
        }
    }

    private static String key(RegistryKeyPath path) {
        return path.toString().toLowerCase(Locale.ROOT);
    }
}
