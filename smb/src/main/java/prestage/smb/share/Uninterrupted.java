package prestage.smb.share;

/**
 * Closing what a run opened on a server must reach the server even when the run was interrupted (Ctrl-C in the
 * console stops a verb by interrupting its threads). smbj waits for each answer interruptibly, so a CLOSE sent by an
 * interrupted thread is given up at once and the server keeps the file open, with its share mode, for as long as the
 * session lives: in the console, until it exits (a part file opened DENY_WRITE then fails every later push of that
 * image). So the close runs with the interrupt set aside (still bounded by --timeout), and the interrupt is put back.
 */
final class Uninterrupted {
    private Uninterrupted() {
    }

    static void run(Runnable close) {
        boolean interrupted = Thread.interrupted();
        try {
            close.run();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
