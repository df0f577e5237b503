package prestage.core.images;

/**
 * How push and verify cut files into pieces and write them. Production uses {@link #DEFAULT}; tests shrink the
 * chunk size so that small files still have several chunks, and slow the reader down so that a kill lands
 * in the middle of a copy.
 *
 * @param bufferSize       bytes per read; blocks never straddle a chunk boundary
 * @param buffersPerJob    buffers in flight per file: reading runs this far ahead of hashing and writing
 * @param chunkSize        bytes between checkpoints (resume points, where verify locates a difference)
 * @param blockDelayMillis pause after each block read; 0 except in fault-injection tests
 * @param flushEvery       for buffered writes, bytes between background flushes of the part file (0: only the final fsync)
 * @param directWrites     write the part file with O_DIRECT where the filesystem allows it
 * @param commitIntervalNanos at least this long between two saves of the manifest while files are copied (and one at the end)
 */
record CopyTuning(int bufferSize, int buffersPerJob, long chunkSize, long blockDelayMillis, long flushEvery, boolean directWrites,
                  long commitIntervalNanos) {
    static final long DEFAULT_CHUNK_SIZE = 64L << 20;
    /**
     * Measured here on 4 GiB: O_DIRECT writes of 4-8 MiB blocks took half the CPU of buffered ones (no copy into
     * the page cache, no writeback work) and so ran faster whenever the cores were busy; buffered writes did
     * best with 1 MiB blocks flushed every 64 MiB, and worst with no flushing at all.
     */
    static final CopyTuning DEFAULT = new CopyTuning(4 << 20, 8, DEFAULT_CHUNK_SIZE, 0, DEFAULT_CHUNK_SIZE, true,
            ManifestCommits.DEFAULT_INTERVAL_NANOS);

    CopyTuning(int bufferSize, int buffersPerJob, long chunkSize, long blockDelayMillis) {
        this(bufferSize, buffersPerJob, chunkSize, blockDelayMillis, chunkSize, true, ManifestCommits.DEFAULT_INTERVAL_NANOS);
    }

    CopyTuning withCommitInterval(long nanos) {
        return new CopyTuning(bufferSize, buffersPerJob, chunkSize, blockDelayMillis, flushEvery, directWrites, nanos);
    }

    CopyTuning {
        if (bufferSize <= 0 || buffersPerJob < 2 || chunkSize <= 0 || blockDelayMillis < 0 || flushEvery < 0 || commitIntervalNanos < 0) {
            throw new IllegalArgumentException("bad tuning " + bufferSize + "/" + buffersPerJob + "/" + chunkSize);
        }
    }

    CopyTuning buffered() {
        return new CopyTuning(bufferSize, buffersPerJob, chunkSize, blockDelayMillis, flushEvery, false, commitIntervalNanos);
    }

    /** Buffers worth allocating for {@code bytes}: a small file needs only one or two. */
    int buffersFor(long bytes) {
        long needed = (bytes + bufferSize - 1) / bufferSize;
        return (int) Math.max(needed <= 1 ? 1 : 2, Math.min(buffersPerJob, needed));
    }

    /** A file of one block: its copy is mostly the wait for its fsync, which many files can share (see PushVerb). */
    boolean oneBlock(long bytes) {
        return bytes <= bufferSize;
    }

    /** At most {@code total} buffers shared by {@code jobs} files at once, so memory does not grow with --jobs. */
    CopyTuning sharing(int total, int jobs) {
        int perJob = Math.max(2, Math.min(buffersPerJob, total / Math.max(1, jobs)));
        return new CopyTuning(bufferSize, perJob, chunkSize, blockDelayMillis, flushEvery, directWrites, commitIntervalNanos);
    }
}
