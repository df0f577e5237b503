package prestage.smb.connect;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.common.SMBRuntimeException;

/**
 * smbj reports failures as unchecked exceptions carrying an NT status; verbs expect the IOExceptions a local file
 * system throws. One line each, naming the client path and the host.
 */
public final class SmbFailures {
    private SmbFailures() {
    }

    public interface Call<T> {
        T run() throws IOException;
    }

    public interface Action {
        void run() throws IOException;
    }

    /** {@link #io} for a call that returns nothing. */
    public static void act(String host, String what, Object path, Action action) throws IOException {
        io(host, what, path, () -> {
            action.run();
            return null;
        });
    }

    public static <T> T io(String host, String what, Object path, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SMBApiException e) {
            throw translate(host, what, path, e);
        } catch (SMBRuntimeException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IOException(what + " " + path + " on " + host + " failed: " + oneLine(c), e);
        }
    }

    public static IOException translate(String host, String what, Object path, SMBApiException e) {
        NtStatus st = e.getStatus();
        String p = String.valueOf(path);
        return switch (st) {
            case STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND, STATUS_NO_SUCH_FILE, STATUS_NOT_FOUND -> new NoSuchFileException(p);
            case STATUS_OBJECT_NAME_COLLISION -> new FileAlreadyExistsException(p);
            case STATUS_ACCESS_DENIED -> new AccessDeniedException(p, null, what + " refused by " + host
                    + " (" + st + "): log on as an administrator of " + host + ", to a share that is not read only");
            case STATUS_DISK_FULL -> new IOException(what + " " + p + " on " + host + ": the disk is full (STATUS_DISK_FULL); free space on " + host
                    + " and run again", e);
            default -> new IOException(what + " " + p + " on " + host + " failed (" + st + ")", e);
        };
    }

    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
