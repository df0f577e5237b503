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
     * @param progress told the size of each block once all consumers are done with it
     * @throws EOFException when {@code in} ends before {@code to} (the file shrank)
     */
    void run(BlockSource in, long from, long to, List<ByteBuffer> buffers, List<BlockConsumer> consumers,
             LongConsumer progress) throws IOException {
        var failure = new AtomicReference<Throwable>();
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(buffers.size());
        free.addAll(buffers);
        var queues = new ArrayList<BlockingQueue<Block>>();
        var stages = new ArrayList<Future<?>>();
        for (BlockConsumer c : consumers) {
            BlockingQueue<Block> q = new ArrayBlockingQueue<>(buffers.size() + 1); // never full: put does not block
            queues.add(q);
            stages.add(threads.submit(() -> drain(q, c, failure)));
        }
        boolean interrupted = false;
        try {
            long pos = from;
            while (pos < to && failure.get() == null) {
                ByteBuffer buf = free.take();
                buf.clear();
                long nextBoundary = (pos / tuning.chunkSize() + 1) * tuning.chunkSize();
                int len = (int) Math.min(Math.min(buf.capacity(), to - pos), nextBoundary - pos);
                buf.limit(len);
                while (buf.hasRemaining()) {
                    if (in.read(buf, pos + buf.position()) < 0) {
                        free.add(buf);
                        throw new EOFException("ended at byte " + (pos + buf.position()) + " of " + to);
                    }
                }
                buf.flip();
                var block = new Block(buf, pos, len, new AtomicInteger(consumers.size()), free, progress);
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

    private record Block(ByteBuffer buf, long offset, int length, AtomicInteger pending, BlockingQueue<ByteBuffer> free,
                         LongConsumer progress) {
        ByteBuffer view() {
            return buf.duplicate();
        }

        void release() {
            if (pending.decrementAndGet() == 0) {
                progress.accept(length);
                free.add(buf);
            }
        }
    }
}
