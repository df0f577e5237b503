package prestage.core.verb.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.local.registry.AtomicFiles;

/**
 * Where {@code registry export} writes: with a client, a client path ({@code C:\x.reg}) through the client; without
 * one, a file on this machine.
 */
abstract class ExportFile {
    private final String shown;

    private ExportFile(String shown) {
        this.shown = shown;
    }

    /** The path as the user gave it, for messages. */
    @Override
    public final String toString() {
        return shown;
    }

    abstract boolean holds(byte[] content) throws IOException;

    abstract void write(byte[] content) throws IOException;

    static ExportFile of(Client client, String spec) {
        if (client.hasOwnDrive()) return new OnClient(client, client.path(spec));
        return new Local(Path.of(spec).toAbsolutePath().normalize());
    }

    private static final class OnClient extends ExportFile {
        private final Client client;
        private final ClientPath path;

        OnClient(Client client, ClientPath path) {
            super(path.toString());
            this.client = client;
            this.path = path;
        }

        @Override
        boolean holds(byte[] content) throws IOException {
            var there = client.stat(path);
            if (there.isEmpty() || !there.get().isFile() || there.get().size() != content.length) return false;
            try (var in = client.openRead(path)) {
                ByteBuffer buf = ByteBuffer.allocate(content.length);
                while (buf.hasRemaining() && in.read(buf, buf.position()) >= 0) { }
                return Arrays.equals(buf.array(), content);
            }
        }

        @Override
        void write(byte[] content) throws IOException {
            client.writeAtomically(path, content);
        }
    }

    private static final class Local extends ExportFile {
        private final Path path;

        Local(Path path) {
            super(path.toString());
            this.path = path;
        }

        @Override
        boolean holds(byte[] content) throws IOException {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(path), content);
        }

        @Override
        void write(byte[] content) throws IOException {
            AtomicFiles.write(path, content);
        }
    }

}
