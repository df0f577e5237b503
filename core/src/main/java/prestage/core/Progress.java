package prestage.core;

/** Where long work reports how far it got; faces draw it (a bar, plain lines, or nothing). */
public interface Progress {
    Progress NONE = (name, total) -> new Task() {
        @Override public void advance(long amount) { }
        @Override public void close() { }
    };

    /** Starts a task of {@code total} units (bytes for copies and hashes). */
    Task start(String name, long total);

    interface Task extends AutoCloseable {
        void advance(long amount);

        @Override void close();
    }
}
