package prestage.core.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import prestage.core.client.ReadableFile;

/**
 * How push reads its source files. By default each copy opens and reads the file itself. A fleet run that pushes
 * the same images to many clients at once installs a reader that shares one read of each block among the copies
 * in flight (unless {@code prestage run --no-shared-reads}); the copies stay as they are: each hashes what it got and checks
 * the source's fingerprint before and after.
 */
public interface SourceReads {
    /** One copy's view of a source file: {@link ReadableFile#read} as {@link FileChannel#read(ByteBuffer, long)}. */
    ReadableFile open(Path source) throws IOException;

    /** Each copy reads for itself. */
    SourceReads OWN = source -> ReadableFile.of(FileChannel.open(source, StandardOpenOption.READ));

    /** The process's reader; one setting for the process, as a fleet run is the one command a process runs. */
    static SourceReads current() {
        return Installed.reads;
    }

    /** Installs {@code reads} for every push in this process until {@link #reset()}. */
    static void install(SourceReads reads) {
        Installed.reads = Objects.requireNonNull(reads);
    }

    static void reset() {
        Installed.reads = OWN;
    }

    /** Holder of the process-wide setting (interfaces cannot have mutable static fields of their own). */
    final class Installed {
        private static volatile SourceReads reads = OWN;

        private Installed() {
        }
    }
}
