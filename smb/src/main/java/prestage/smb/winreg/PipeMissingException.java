package prestage.smb.winreg;

import java.io.IOException;

import com.hierynomus.mserref.NtStatus;

/** {@code \PIPE\winreg} is not there: the client's Remote Registry service is not running (yet). */
public final class PipeMissingException extends IOException {
    public PipeMissingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What opening a pipe nobody serves answers: no such name, or (while a trigger-started service comes up) not available. */
    static boolean isMissing(NtStatus status) {
        return status == NtStatus.STATUS_OBJECT_NAME_NOT_FOUND || status == NtStatus.STATUS_PIPE_NOT_AVAILABLE
                || status == NtStatus.STATUS_OBJECT_PATH_NOT_FOUND;
    }
}
