package prestage.core.client;

/** Another process holds a store's lock and the run was told not to wait ({@code --no-wait}). Nothing was changed. */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
