package prestage.core.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import prestage.core.registry.RegistryBackend;

/**
 * The machine being prestaged, and the only way a verb reaches it: its files, their security descriptors and
 * read-only marks, its registry, and the commands it can run. Recipes speak the client's own paths
 * ({@code C:\MED-V Images}); {@link #path} checks and parses them, and every other method takes the result.
 *
 * <p>Containment: a client with a root (a folder or volume standing for {@code C:}, an SMB share) resolves every
 * path inside that root, one name at a time, and follows no link: a path that meets a link fails with a
 * {@link prestage.core.BadInputException} naming the link, so nothing outside the client is ever read or written.
 */
public interface Client extends AutoCloseable, DescriptorStore, ReadOnlyMarks {

    /**
     * What kind of client this is, for messages and the JSON document ({@code folder}, {@code ntfs_volume},
     * {@code live_windows}, {@code native}, {@code smb}); verbs ask for capabilities instead of switching on it.
     */
    String kind();

    /**
     * False when the run has no client of its own (prestage on Linux without --target): paths are this machine's,
     * and files a verb exports go to this machine's folders rather than onto a client drive.
     */
    default boolean hasOwnDrive() {
        return true;
    }

    /**
     * True when this client's files are read faster than one core hashes them (a local disk or volume), so that a
     * file is best verified on every core at once; false over a network, where verify waits on the wire and the
     * server. Push's chunk-hash switch (PushOptions.chunkHashesFor in core.images) reads it.
     */
    default boolean readsOutpaceHashing() {
        return true;
    }

    /** For messages: {@code the client folder /srv/pc1}. */
    String describe();

    /**
     * Parses a path the user gave: a drive path ({@code C:\X}) on a client that has drives, a native path on a
     * native client. Anything else (relative, UNC, the other notation) is a {@link prestage.core.BadInputException}.
     */
    ClientPath path(String spec);

    // ---- files

    /** What is at {@code path}, without following a link there; empty when nothing is. */
    Optional<FileEntry> stat(ClientPath path) throws IOException;

    /** The entries of a folder, unsorted; links are listed as links. */
    List<FileEntry> list(ClientPath folder) throws IOException;

    /** Creates one folder whose parent exists. */
    void makeFolder(ClientPath folder) throws IOException;

    /** Creates {@code folder} and the folders above it that are missing; returns those it created, top first. */
    default List<ClientPath> makeFolders(ClientPath folder) throws IOException {
        var missing = new java.util.ArrayDeque<ClientPath>();
        for (ClientPath p = folder; !p.isRoot() && stat(p).isEmpty(); p = p.parent()) missing.push(p);
        var made = new java.util.ArrayList<ClientPath>();
        for (ClientPath p : missing) {
            try {
                makeFolder(p);
                made.add(p);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made by another run in the meantime: just as good
            }
        }
        return made;
    }

    ReadableFile openRead(ClientPath file) throws IOException;

    /**
     * Opens {@code file} for writing, creating it when missing and cutting it to {@code keep} bytes.
     *
     * @param bulk the file is large and written once in order, so the client may write around its caches
     */
    WritableFile openWrite(ClientPath file, long keep, boolean bulk) throws IOException;

    /** Appends to {@code file} (a journal); each append reaches the client's cache at once. */
    Appender openAppend(ClientPath file) throws IOException;

    /** Replaces {@code file} with {@code content} so that it is either the old file or the whole new one. */
    void writeAtomically(ClientPath file, byte[] content) throws IOException;

    /** Content made as it is written, for a file too big to be worth holding whole (a manifest of thousands of images). */
    @FunctionalInterface
    interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** As {@link #writeAtomically(ClientPath, byte[])}; a client that can stream the content to the file does. */
    default void writeAtomically(ClientPath file, Content content) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream(1 << 16);
        content.writeTo(bytes);
        writeAtomically(file, bytes.toByteArray());
    }

    /** Renames {@code from} over {@code to} in one step (both in the same folder) and makes the rename durable. */
    void replace(ClientPath from, ClientPath to) throws IOException;

    /**
     * As {@link #replace}, but the folder is not flushed: a batch of renames shares one {@link #syncFolder}. Until then
     * a power cut (not a killed process) may undo the rename, never tear the file.
     */
    default void replaceUnsynced(ClientPath from, ClientPath to) throws IOException {
        replace(from, to);
    }

    /** Makes the names created and renamed in {@code folder} durable (fsync of the folder where the system needs it). */
    default void syncFolder(ClientPath folder) throws IOException {
    }

    /** Deletes a file; a missing one is no error. */
    void delete(ClientPath file) throws IOException;

    void setModified(ClientPath file, Instant time) throws IOException;

    /** Bytes that can still be written in {@code folder}. */
    long usableSpace(ClientPath folder) throws IOException;

    /** Whether this run may create files in {@code folder}. */
    boolean canWrite(ClientPath folder) throws IOException;

    /** Takes the store lock of {@code folder}, waiting for another holder if the policy says so. */
    StoreLock lock(ClientPath folder, StoreLock.Policy policy) throws IOException;

    // ---- security descriptors and read-only marks: the DescriptorStore and ReadOnlyMarks roles

    // ---- registry

    RegistryBackend registry();

    /**
     * The registry if it can be read without changing anything on the client, for checks worth no change (is MED-V
     * installed?). A network client whose Remote Registry service is not running is not started for it:
     * {@link #registry()} is what starts it, for registry work.
     *
     * @throws IOException when it cannot be read as the client is; the message says why
     */
    default RegistryBackend registryAsItIs() throws IOException {
        return registry();
    }

    // ---- processes

    /** How this client runs commands (its installer), or empty when it cannot: the caller says where they can run. */
    default Optional<CommandRunner> commands() {
        return Optional.empty();
    }

    /** How this client installs a package copied to it (a network client); empty where {@link #run} runs msiexec itself. */
    default Optional<RemoteInstaller> remoteInstaller() {
        return Optional.empty();
    }

    @Override
    default void close() throws IOException {
    }

    /** A file written in appends, each visible at once to a reader that comes after a kill. */
    interface Appender extends AutoCloseable {
        void append(byte[] bytes) throws IOException;

        @Override
        void close() throws IOException;
    }
}
