package prestage.core.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a .reg file says, as the changes {@code reg import} makes, in order: per key, whether it is deleted first
 * ({@code [-KEY]}), whether it is (re)created ({@code [KEY]}), and its values set or deleted ({@code "Name"=-}).
 * Edits merge into what is there, so writing the same change twice leaves the same file.
 */
public final class RegFile {
    private final List<Section> sections = new ArrayList<>();

    /** One key's part of the file. {@code entries} map a value name to its data, or to nothing when deleted. */
    public static final class Section {
        private final RegistryKeyPath key;
        private boolean deletesKey;
        private boolean createsKey;
        private final List<Entry> entries = new ArrayList<>();

        Section(RegistryKeyPath key) {
            this.key = key;
        }

        public RegistryKeyPath key() {
            return key;
        }

        public boolean deletesKey() {
            return deletesKey;
        }

        public boolean createsKey() {
            return createsKey;
        }

        public List<Entry> entries() {
            return List.copyOf(entries);
        }

        private Optional<Entry> entry(String name) {
            return entries.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
        }

        /** Replaces an entry of the same name in place, keeping the name's case as the registry does. */
        private void put(Entry entry) {
            for (int i = 0; i < entries.size(); i++) {
                String existing = entries.get(i).name();
                if (existing.equalsIgnoreCase(entry.name())) {
                    entries.set(i, new Entry(existing, entry.value().map(v -> v.withName(existing))));
                    return;
                }
            }
            entries.add(entry);
        }
    }

    /** A value set ({@code value} present) or deleted ({@code value} empty). */
    public record Entry(String name, Optional<RegValue> value) {
        public static Entry set(RegValue v) {
            return new Entry(v.name(), Optional.of(v));
        }

        public static Entry delete(String name) {
            return new Entry(name, Optional.empty());
        }
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    // ---- edits, merging as reg import would apply them in order

    /** {@code [KEY]}: importing creates the key (and its parents). */
    public void createKey(RegistryKeyPath key) {
        section(key).createsKey = true;
    }

    public void setValue(RegistryKeyPath key, RegValue value) {
        Section s = section(key);
        s.createsKey = true;
        s.put(Entry.set(value));
    }

    public void deleteValue(RegistryKeyPath key, String name) {
        Section s = section(key);
        s.createsKey = true; // "Name"=- sits under a [KEY] header, which creates the key on import
        s.put(Entry.delete(name));
    }

    /** {@code [-KEY]}: what the file said about the key and everything below it is moot. */
    public void deleteKey(RegistryKeyPath key) {
        sections.removeIf(s -> s.key.startsWith(key) && !s.key.equals(key));
        Section s = section(key);
        s.entries.clear();
        s.createsKey = false;
        s.deletesKey = true;
    }

    // ---- what a client has after importing the file, as far as the file decides it

    /** The value the file sets, if it does. */
    public Optional<RegValue> value(RegistryKeyPath key, String name) {
        return find(key).flatMap(s -> s.entry(name)).flatMap(Entry::value);
    }

    /** True when the file leaves the value absent: it deletes it, or deletes its key and does not set it again. */
    public boolean deletesValue(RegistryKeyPath key, String name) {
        Optional<Entry> e = find(key).flatMap(s -> s.entry(name));
        if (e.isPresent()) return e.get().value().isEmpty();
        return deletesKeyOrParent(key);
    }

    /** True when the file leaves the key absent. */
    public boolean deletesKey(RegistryKeyPath key) {
        return deletesKeyOrParent(key) && !createsKeyOrChild(key);
    }

    /** The values the file sets for a key it creates; empty when it does not create the key. */
    public Optional<List<RegValue>> values(RegistryKeyPath key) {
        if (!createsKeyOrChild(key)) return Optional.empty();
        var out = new ArrayList<RegValue>();
        find(key).ifPresent(s -> s.entries.forEach(e -> e.value().ifPresent(out::add)));
        return Optional.of(out);
    }

    /** The direct subkeys of {@code key} the file creates, sorted as the registry enumerates them. */
    public List<String> subkeys(RegistryKeyPath key) {
        var names = new ArrayList<String>();
        for (Section s : sections) {
            if (s.createsKey && s.key.startsWith(key) && s.key.names().size() > key.names().size()) {
                String child = s.key.names().get(key.names().size());
                if (names.stream().noneMatch(child::equalsIgnoreCase)) names.add(child);
            }
        }
        names.sort(Comparator.comparing(n -> n.toUpperCase(Locale.ROOT)));
        return names;
    }

    private boolean createsKeyOrChild(RegistryKeyPath key) {
        return sections.stream().anyMatch(s -> s.createsKey && s.key.startsWith(key));
    }

    private boolean deletesKeyOrParent(RegistryKeyPath key) {
        return sections.stream().anyMatch(s -> s.deletesKey && key.startsWith(s.key));
    }

    private Optional<Section> find(RegistryKeyPath key) {
        return sections.stream().filter(s -> s.key.equals(key)).findFirst();
    }

    private Section section(RegistryKeyPath key) {
        return find(key).orElseGet(() -> {
            Section s = new Section(key);
            sections.add(s);
            return s;
        });
    }
}
