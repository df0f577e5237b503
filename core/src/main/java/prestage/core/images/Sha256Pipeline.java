package prestage.core.images;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One sequential read of a byte range, each block handed to several consumers (the whole-file hash with its
 * checkpoints, the writer), each on its own thread. Every consumer sees the same buffer, so what is
 * hashed is exactly what is written, and the run goes at the pace of its slowest stage rather than the
 * sum of them. Blocks never straddle a chunk boundary. A buffer is reused only when every consumer is
 * done with it.
 */
final class Sha256Pipeline {
    private static final Block END = new Block(null, -1, 0, null, null, null);

    private final CopyTuning tuning;
    private final ExecutorService threads;

    Sha256Pipeline(CopyTuning tuning, ExecutorService threads) {
        this.tuning = tuning;
        this.threads = threads;
    }

    /**
     * Where the blocks come from: filled into pooled buffers, or mapped from the file. At most {@link #inFlight()}
     * blocks exist at once; each goes back through {@link #release} when every consumer is done with it.
     */
    interface Blocks {
        int inFlight();

        int maxBlock();

        /** The {@code len} bytes at {@code pos}, waiting for a free slot. @throws EOFException when the source ends before */
        ByteBuffer take(long pos, int len) throws IOException, InterruptedException;

        void release(ByteBuffer block);
    }

    /** Blocks read into pooled buffers (a copy out of the page cache, or off the network). */
    static Blocks buffered(BlockSource in, List<ByteBuffer> buffers) {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(buffers.size());
        free.addAll(buffers);
        int max = buffers.stream().mapToInt(ByteBuffer::capacity).min().orElse(0);
        return new Blocks() {
            @Override
            public int inFlight() {
                return buffers.size();
            }

            @Override
            public int maxBlock() {
                return max;
            }

            @Override
            public ByteBuffer take(long pos, int len) throws IOException, InterruptedException {
                ByteBuffer buf = free.take();
                buf.clear().limit(len);
                while (buf.hasRemaining()) {
                    if (in.read(buf, pos + buf.position()) < 0) {
                        long at = pos + buf.position();
                        free.add(buf);
                        throw new EOFException("ended at byte " + at);
                    }
                }
                return buf.flip();
            }

            @Override
            public void release(ByteBuffer block) {
                free.add(block);
            }
        };
    }

    /**
     * @param progress told the size of each block once all consumers are done with it
     * @throws EOFException when {@code in} ends before {@code to} (the file shrank)
     */
    void run(BlockSource in, long from, long to, List<ByteBuffer> buffers, List<BlockConsumer> consumers,
             LongConsumer progress) throws IOException {
        run(buffered(in, buffers), from, to, consumers, progress);
    }

    void run(Blocks blocks, long from, long to, List<BlockConsumer> consumers, LongConsumer progress) throws IOException {
        if (to - from <= blocks.maxBlock() && (from / tuning.chunkSize() == (to - 1) / tuning.chunkSize() || to == from)) {
            runInline(blocks, from, to, consumers, progress);
            return;
        }
        var failure = new AtomicReference<Throwable>();
        var queues = new ArrayList<BlockingQueue<Block>>();
        var stages = new ArrayList<Future<?>>();
        for (BlockConsumer c : consumers) {
            BlockingQueue<Block> q = new ArrayBlockingQueue<>(blocks.inFlight() + 1); // never full: put does not block
            queues.add(q);
            stages.add(threads.submit(() -> drain(q, c, failure)));
        }
        boolean interrupted = false;
        try {
            long pos = from;
            while (pos < to && failure.get() == null) {
                long nextBoundary = (pos / tuning.chunkSize() + 1) * tuning.chunkSize();
                int len = (int) Math.min(Math.min(blocks.maxBlock(), to - pos), nextBoundary - pos);
                ByteBuffer buf;
                try {
                    buf = blocks.take(pos, len);
                } catch (EOFException e) {
                    throw new EOFException(e.getMessage() + " of " + to);
                }
                var block = new Block(buf, pos, len, new AtomicInteger(consumers.size()), blocks, progress);
                for (var q : queues) q.put(block);
                pos += len;
                if (tuning.blockDelayMillis() > 0) Thread.sleep(tuning.blockDelayMillis());
            }
        } catch (InterruptedException e) {
            interrupted = true;
            failure.compareAndSet(null, new InterruptedIOException("interrupted"));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            for (var q : queues) q.add(END);
            for (var stage : stages) interrupted |= awaitStage(stage, failure);
            if (interrupted) Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t == null) return;
        if (t instanceof IOException io) throw io;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        throw new IOException(t);
    }

    /**
     * A range of one block (a small file) has nothing to overlap: its consumers run one after the other on this thread,
     * which spares three hand-offs between threads per file (each a wait for a core on a busy machine).
     */
    private void runInline(Blocks blocks, long from, long to, List<BlockConsumer> consumers, LongConsumer progress) throws IOException {
        if (to > from) {
            ByteBuffer buf;
            try {
                buf = blocks.take(from, (int) (to - from));
            } catch (EOFException e) {
                throw new EOFException(e.getMessage() + " of " + to);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            try {
                for (BlockConsumer c : consumers) c.accept(buf.duplicate(), from);
            } finally {
                blocks.release(buf);
            }
            progress.accept(to - from);
        }
        for (BlockConsumer c : consumers) c.finish();
    }

    /** A consumer that failed keeps taking (and freeing) blocks so the reader never waits for a buffer in vain. */
    private static void drain(BlockingQueue<Block> q, BlockConsumer consumer, AtomicReference<Throwable> failure) {
        try {
            for (Block b = q.take(); b != END; b = q.take()) {
                try {
                    if (failure.get() == null) consumer.accept(b.view(), b.offset);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    b.release();
                }
            }
            if (failure.get() == null) consumer.finish();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static boolean awaitStage(Future<?> stage, AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        while (true) {
            try {
                stage.get();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true; // the stage ends on its own once it sees END; leaving it running would race the caller
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
                return interrupted;
            }
        }
    }

    private record Block(ByteBuffer buf, long offset, int length, AtomicInteger pending, Blocks blocks, LongConsumer progress) {
        ByteBuffer view() {
            return buf.duplicate();
        }

        void release() {
            if (pending.decrementAndGet() == 0) {
                progress.accept(length);
                blocks.release(buf);
            }
        }
    }
}
