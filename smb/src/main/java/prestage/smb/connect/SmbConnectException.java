package prestage.smb.connect;

import prestage.core.BadInputException;

/**
 * A remote client could not be reached or would not let us in (unreachable host, wrong password, no such share, not
 * an administrator). Nothing was changed, so it is bad input (exit 2); the one-line message names the host and what
 * to do.
 */
public class SmbConnectException extends BadInputException {
    public SmbConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
