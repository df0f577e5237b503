package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;

/**
 * Blocks of a local source file mapped into memory: the hash reads the page cache itself and the O_DIRECT write goes
 * from it to the device, so the bytes are never copied into a buffer of ours (the read copy was a tenth of push's CPU).
 * The reader thread faults each block in ({@link MappedByteBuffer#load}, which also asks the kernel to read ahead), so
 * the consumers never wait on the disk; each block is unmapped as soon as every consumer is done with it, so the
 * process keeps at most {@code inFlight} blocks mapped.
 */
final class MappedBlocks implements Sha256Pipeline.Blocks {
    private static final MethodHandle UNMAP = unmapper();

    private final FileChannel in;
    private final int blockSize;
    private final int inFlight;
    private final Semaphore slots;

    MappedBlocks(FileChannel in, int blockSize, int inFlight) {
        this.in = in;
        this.blockSize = blockSize;
        this.inFlight = inFlight;
        this.slots = new Semaphore(inFlight);
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public int maxBlock() {
        return blockSize;
    }

    @Override
    public ByteBuffer take(long pos, int len) throws IOException, InterruptedException {
        slots.acquire();
        try {
            // a mapping past the end would fault (SIGBUS) when touched: a file that shrank is found here instead
            long size = in.size();
            if (pos + len > size) throw new EOFException("ended at byte " + size);
            MappedByteBuffer block = in.map(FileChannel.MapMode.READ_ONLY, pos, len);
            block.load();
            return block;
        } catch (IOException | RuntimeException e) {
            slots.release();
            throw e;
        } catch (InternalError e) { // shrank between the size check and the touch
            slots.release();
            throw new EOFException("ended before byte " + (pos + len) + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void release(ByteBuffer block) {
        unmap(block);
        slots.release();
    }

    /** Without it a mapping lives until the garbage collector finds it, and a big copy would keep gigabytes mapped. */
    private static void unmap(ByteBuffer block) {
        if (UNMAP == null) return;
        try {
            UNMAP.invoke(block);
        } catch (Throwable e) {
            // left to the garbage collector
        }
    }

    private static MethodHandle unmapper() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            var field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
