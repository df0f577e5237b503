package prestage.shell.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import prestage.shell.render.Bytes;

/**
 * What one client is doing now, for a display: its last step and the tasks in flight (a push copies and hashes
 * several files at once), with their bytes and rate.
 */
final class ClientActivity {
    final FleetMember member;
    private volatile String step = "starting";
    private final List<Task> tasks = new CopyOnWriteArrayList<>();

    ClientActivity(FleetMember member) {
        this.member = member;
    }

    /** One copy or hash under way. */
    final class Task {
        final String name;
        final long total;
        final long start = System.nanoTime();
        final AtomicLong done = new AtomicLong();

        private Task(String name, long total) {
            this.name = name;
            this.total = total;
        }

        void advance(long amount) {
            done.addAndGet(amount);
        }

        void end() {
            tasks.remove(this);
        }

        /** e.g. {@code Win7.ckm  512 MiB / 1.0 GiB  310 MiB/s}. */
        String describe() {
            return line(name, done.get(), total, start);
        }
    }

    void step(String text) {
        step = text;
    }

    Task startTask(String name, long total) {
        var t = new Task(name, total);
        tasks.add(t);
        return t;
    }

    /** The tasks in flight, summed ({@code Win7.ckm +1 more  512 MiB / 1.0 GiB  310 MiB/s}), or the last step when none runs. */
    String describe() {
        var now = List.copyOf(tasks);
        if (now.isEmpty()) return step;
        long done = now.stream().mapToLong(t -> t.done.get()).sum();
        long total = now.stream().mapToLong(t -> t.total).sum();
        long start = now.stream().mapToLong(t -> t.start).min().orElse(System.nanoTime());
        return line(now.get(0).name + (now.size() > 1 ? " +" + (now.size() - 1) + " more" : ""), done, total, start);
    }

    private static String line(String name, long done, long total, long start) {
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
        return name + "  " + Bytes.human(done) + " / " + Bytes.human(total) + "  " + Bytes.human((long) (done / seconds)) + "/s";
    }
}
