package prestage.shell.render;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

import prestage.core.Progress;

/** Progress for logs and pipes: one line per task every interval, and one when it ends. */
final class PlainLines implements Progress {
    private final PrintWriter err;
    private final long intervalMillis;

    PlainLines(PrintWriter err, long intervalMillis) {
        this.err = err;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public Task start(String name, long total) {
        long started = System.nanoTime();
        var done = new AtomicLong();
        var lastPrint = new AtomicLong(started);
        return new Task() {
            @Override
            public void advance(long amount) {
                long now = System.nanoTime();
                long d = done.addAndGet(amount);
                long last = lastPrint.get();
                if ((now - last) / 1_000_000 >= intervalMillis && lastPrint.compareAndSet(last, now)) {
                    print(name, d, total, now - started, false);
                }
            }

            @Override
            public void close() {
                print(name, done.get(), total, System.nanoTime() - started, true);
            }
        };
    }

    private void print(String name, long done, long total, long nanos, boolean end) {
        double seconds = Math.max(nanos / 1e9, 1e-3);
        double rate = done / seconds;
        String eta = end || rate <= 0 ? "" : String.format(", ETA %.0f s", Math.max(0, (total - done) / rate));
        synchronized (err) {
            err.printf("%s: %s / %s (%s/s%s)%s%n", name, Bytes.human(done), Bytes.human(total), Bytes.human((long) rate), eta,
                    end ? String.format(" in %.1f s", seconds) : "");
            err.flush();
        }
    }
}
