package prestage.core.client.local.registry;

import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegFile;
import prestage.core.registry.RegFileParser;
import prestage.core.registry.RegFileWriter;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.Wow64Redirection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A .reg file standing for a client's registry: writes merge into the file (so a rerun changes nothing) and reads
 * answer from what the file sets. The client applies it with {@code reg import}. Since either kind of Windows may
 * import it, its bitness is unknown unless pinned, and the 32-bit view then goes to both places (see
 * {@link Wow64Redirection#locate}).
 */
final class RegFileRegistry implements RegistryBackend {
    private final Path file;
    private final Bitness bitness;
    /** How the client names the file, e.g. {@code C:\prestage.reg}; null when it is not on the client's drive. */
    private final String clientPath;

    RegFileRegistry(Path file, Bitness bitness, String clientPath) {
        this.file = file.toAbsolutePath().normalize();
        this.bitness = bitness;
        this.clientPath = clientPath;
    }

    Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "the .reg file " + file;
    }

    @Override
    public Bitness bitness() {
        return bitness;
    }

    @Override
    public Optional<List<RegValue>> values(RegLocation at) throws IOException {
        return model().values(at.key());
    }

    @Override
    public List<String> subkeys(RegLocation at) throws IOException {
        return model().subkeys(at.key());
    }

    @Override
    public boolean isValueAbsent(RegLocation at, String name) throws IOException {
        return model().deletesValue(at.key(), name);
    }

    @Override
    public boolean isKeyAbsent(RegLocation at) throws IOException {
        return model().deletesKey(at.key());
    }

    @Override
    public void apply(List<RegEdit> edits) throws IOException {
        RegFile model = model();
        for (RegEdit edit : edits) {
            if (edit instanceof RegEdit.SetValue set) model.setValue(set.at().key(), set.value());
            else if (edit instanceof RegEdit.DeleteValue del) model.deleteValue(del.at().key(), del.name());
            else if (edit instanceof RegEdit.DeleteKey del) model.deleteKey(del.at().key());
        }
        AtomicFiles.write(file, RegFileWriter.bytes(model));
    }

    @Override
    public Optional<String> afterWriteNote() {
        String name = clientPath != null ? clientPath : file.getFileName().toString();
        return Optional.of("apply it on the client with: reg import \"" + name + "\"");
    }

    private RegFile model() throws IOException {
        if (!Files.exists(file)) return new RegFile();
        return RegFileParser.read(file, w -> { });
    }
}
