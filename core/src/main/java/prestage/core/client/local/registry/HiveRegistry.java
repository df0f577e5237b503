package prestage.core.client.local.registry;

import prestage.core.registry.Bitness;
import prestage.core.registry.BlankHive;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;
import prestage.core.registry.Wow64Redirection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import prestage.core.BadInputException;

/**
 * An offline hive file through libhivex, e.g. a volume's {@code Windows/System32/config/SOFTWARE}. Its root key
 * is {@code mountedAt} ({@code HKLM\SOFTWARE} for a SOFTWARE hive). Every write opens the hive, applies all edits
 * in memory, commits to a temporary file and renames it over the hive, so a crash never leaves a broken hive.
 */
final class HiveRegistry implements RegistryBackend {
    private final Path file;
    private final RegistryKeyPath mountedAt;
    /** For new-hive: the shape of the blank hive to create on the first write; null when the file must exist. */
    private final Boolean createX64;
    private volatile Bitness bitness;

    HiveRegistry(Path file, RegistryKeyPath mountedAt, Boolean createX64) {
        this.file = file.toAbsolutePath().normalize();
        this.mountedAt = mountedAt;
        this.createX64 = createX64;
    }

    static HiveRegistry software(Path file) {
        return new HiveRegistry(file, Wow64Redirection.HKLM_SOFTWARE, null);
    }

    static HiveRegistry newSoftware(Path file, boolean x64) {
        return new HiveRegistry(file, Wow64Redirection.HKLM_SOFTWARE, x64);
    }

    Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "the hive " + file + " (" + mountedAt.shortForm() + ")";
    }

    /** 64-bit when the hive has a {@code WOW6432Node} key under its root, as every x64 SOFTWARE hive does. */
    @Override
    public Bitness bitness() {
        if (pending()) return createX64 ? Bitness.X64 : Bitness.X86;
        // opening a real SOFTWARE hive walks tens of megabytes; its shape does not change between our own writes
        if (bitness == null) {
            try (HiveFile hive = HiveFile.open(file, false)) {
                bitness = hive.child(hive.root(), Wow64Redirection.NODE) != 0 ? Bitness.X64 : Bitness.X86;
            } catch (IOException e) {
                throw new BadInputException("the hive " + file + " cannot be read: " + e.getMessage());
            }
        }
        return bitness;
    }

    @Override
    public List<RegLocation> locate(RegistryKeyPath key, RegistryView view) {
        if (!key.startsWith(mountedAt)) {
            throw new BadInputException("the key " + key.shortForm() + " is not in the hive " + file + ", which holds "
                    + mountedAt.shortForm() + " only: give a key below " + mountedAt.shortForm()
                    + ", or the hive or .reg file that holds it with --registry");
        }
        return RegistryBackend.super.locate(key, view);
    }

    @Override
    public Optional<List<RegValue>> values(RegLocation at) throws IOException {
        if (pending()) return Optional.empty();
        try (HiveFile hive = HiveFile.open(file, false)) {
            long node = find(hive, at);
            return node == 0 ? Optional.empty() : Optional.of(hive.values(node));
        }
    }

    @Override
    public List<String> subkeys(RegLocation at) throws IOException {
        if (pending()) return List.of();
        try (HiveFile hive = HiveFile.open(file, false)) {
            long node = find(hive, at);
            if (node == 0) return List.of();
            var names = new ArrayList<String>();
            for (long child : hive.children(node)) names.add(hive.name(child));
            return names;
        }
    }

    @Override
    public void apply(List<RegEdit> edits) throws IOException {
        boolean create = pending();
        Path target = create ? file : file.toRealPath(); // write through a symlink, not over it
        Path tmp = AtomicFiles.temporaryFor(target);
        try {
            Path source = target;
            if (create) {
                BlankHive.write(tmp, createX64);
                source = tmp;
            }
            try (HiveFile hive = HiveFile.open(source, true)) {
                for (RegEdit edit : edits) apply(hive, edit);
                hive.commitTo(tmp);
            }
            AtomicFiles.replace(tmp, target);
            bitness = null; // an edit may have added or removed WOW6432Node
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void apply(HiveFile hive, RegEdit edit) throws IOException {
        if (edit instanceof RegEdit.SetValue set) {
            long node = hive.root();
            for (String name : below(set.at())) {
                long child = hive.child(node, name);
                node = child != 0 ? child : hive.addChild(node, name);
            }
            var values = new ArrayList<>(hive.values(node));
            RegValue v = set.value();
            int same = indexOf(values, v.name());
            if (same >= 0) values.set(same, v.withName(values.get(same).name())); else values.add(v);
            hive.setValues(node, values);
        } else if (edit instanceof RegEdit.DeleteValue del) {
            long node = find(hive, del.at());
            if (node == 0) return;
            var values = new ArrayList<>(hive.values(node));
            int at = indexOf(values, del.name());
            if (at < 0) return;
            values.remove(at);
            hive.setValues(node, values);
        } else if (edit instanceof RegEdit.DeleteKey del) {
            if (below(del.at()).isEmpty()) {
                throw new BadInputException("the key " + del.at().describe() + " is the root of the hive " + file
                        + " and cannot be deleted: delete the keys below it");
            }
            long node = find(hive, del.at());
            if (node != 0) hive.deleteNode(node);
        }
    }

    private static int indexOf(List<RegValue> values, String name) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).name().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    /** The key's node, or 0 when it (or a parent) is missing. */
    private long find(HiveFile hive, RegLocation at) {
        long node = hive.root();
        for (String name : below(at)) {
            node = hive.child(node, name);
            if (node == 0) return 0;
        }
        return node;
    }

    private List<String> below(RegLocation at) {
        return at.key().namesBelow(mountedAt);
    }

    /** A new-hive file that has not been written yet: it reads as an empty hive. */
    private boolean pending() {
        return createX64 != null && !Files.exists(file);
    }
}
