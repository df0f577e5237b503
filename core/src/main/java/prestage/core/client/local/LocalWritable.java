package prestage.core.client.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import com.sun.nio.file.ExtendedOpenOption;

import prestage.core.client.WritableFile;

/**
 * A local file open for writing. A bulk file is written with O_DIRECT where the filesystem takes it: the block goes
 * from the very buffer that was hashed to the device, without a copy into the page cache (half push's CPU), and the
 * copy does not crowd the cache. Bytes of a last block that is not a whole number of sectors go through an ordinary
 * descriptor. tmpfs and FUSE refuse O_DIRECT; there writes are buffered and {@link #flush()} does the rest.
 */
final class LocalWritable implements WritableFile {
    /** Blocks handed to a direct writer are aligned to this and sized in multiples of it (see BufferPool). */
    static final int DIRECT_ALIGNMENT = 4096;

    private final Path path;
    private final FileChannel direct; // null when writing buffered
    private final int sector;
    private final Runnable release;
    private FileChannel buffered;

    private LocalWritable(Path path, FileChannel direct, int sector, FileChannel buffered, Runnable release) {
        this.path = path;
        this.release = release;
        this.direct = direct;
        this.sector = sector;
        this.buffered = buffered;
    }

    /** @param release called on close: {@code path} stays valid until then (it may go through a held folder descriptor) */
    static LocalWritable open(Path path, long keep, boolean bulk, Runnable release) throws IOException {
        // one descriptor creates and cuts the file and then takes the writes O_DIRECT cannot (or all of them)
        FileChannel buffered = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            buffered.truncate(keep);
            if (bulk) {
                try {
                    long sector = sectorSize(path);
                    if (sector > 0 && DIRECT_ALIGNMENT % sector == 0 && keep % sector == 0) {
                        var direct = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS, ExtendedOpenOption.DIRECT);
                        return new LocalWritable(path, direct, (int) sector, buffered, release);
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // tmpfs and FUSE answer EINVAL; buffered writes work everywhere
                }
            }
            return new LocalWritable(path, null, 1, buffered, release);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    private static final java.util.Map<Object, Long> SECTORS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The filesystem's block size, asked once per device: {@code Files.getFileStore} reads the mount table each time,
     * which cost a push of many files more than the files' own writes.
     */
    private static long sectorSize(Path path) throws IOException {
        Object device;
        try {
            device = Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(path).getBlockSize();
        }
        Long known = SECTORS.get(device);
        if (known != null) return known;
        long sector = Files.getFileStore(path).getBlockSize();
        SECTORS.put(device, sector);
        return sector;
    }

    @Override
    public void write(ByteBuffer block, long position) throws IOException {
        long pos = position;
        if (direct != null && pos % sector == 0 && block.position() % sector == 0) {
            int whole = block.remaining() / sector * sector;
            ByteBuffer head = block.duplicate().limit(block.position() + whole);
            while (head.hasRemaining()) pos += direct.write(head, pos);
            block.position(block.position() + whole);
        }
        while (block.hasRemaining()) pos += buffered().write(block, pos);
    }

    @Override
    public boolean writesThrough() {
        return direct != null;
    }

    @Override
    public void flush() throws IOException {
        if (buffered != null) buffered.force(false);
    }

    @Override
    public void sync() throws IOException {
        // one fsync covers the file whichever descriptor wrote it
        (buffered != null ? buffered : direct).force(true);
    }

    @Override
    public long size() throws IOException {
        return (direct != null ? direct : buffered).size();
    }

    @Override
    public void setModified(Instant time) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(time), null, null);
    }

    private synchronized FileChannel buffered() throws IOException {
        if (buffered == null) buffered = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        return buffered;
    }

    @Override
    public void close() throws IOException {
        try {
            if (direct != null) direct.close();
        } finally {
            try {
                if (buffered != null) buffered.close();
            } finally {
                release.run();
            }
        }
    }
}
