package prestage.core.images;

/**
 * How push and verify cut files into pieces. Production uses {@link #DEFAULT}; tests shrink the chunk
 * size so that small files still have several chunks, and slow the reader down so that a kill lands
 * in the middle of a copy.
 *
 * @param bufferSize      bytes per read; a divisor of {@code chunkSize} keeps blocks inside one chunk
 * @param buffersPerJob   buffers in flight per file: reading runs this far ahead of hashing and writing. 16 x 1 MiB
 *                        took half the CPU of 8 x 4 MiB here: a block is still in the cache when it is hashed and written
 * @param chunkSize       bytes between checkpoints (resume points, where verify locates a difference)
 * @param blockDelayMillis pause after each block read; 0 except in fault-injection tests
 * @param flushEvery      bytes written between background flushes of the part file (0: only the final fsync)
 */
record CopyTuning(int bufferSize, int buffersPerJob, long chunkSize, long blockDelayMillis, long flushEvery) {
    static final long DEFAULT_CHUNK_SIZE = 64L << 20;
    static final CopyTuning DEFAULT = new CopyTuning(1 << 20, 16, DEFAULT_CHUNK_SIZE, 0, DEFAULT_CHUNK_SIZE);

    CopyTuning(int bufferSize, int buffersPerJob, long chunkSize, long blockDelayMillis) {
        this(bufferSize, buffersPerJob, chunkSize, blockDelayMillis, chunkSize);
    }

    CopyTuning {
        if (bufferSize <= 0 || buffersPerJob < 2 || chunkSize <= 0 || blockDelayMillis < 0 || flushEvery < 0) {
            throw new IllegalArgumentException("bad tuning " + bufferSize + "/" + buffersPerJob + "/" + chunkSize);
        }
    }

    /** Buffers worth allocating for {@code bytes}: a small file needs only one or two. */
    int buffersFor(long bytes) {
        long needed = (bytes + bufferSize - 1) / bufferSize;
        return (int) Math.max(2, Math.min(buffersPerJob, needed));
    }
}
