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
            if (interrupted(e)) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(what + " " + path + " on " + host + " was interrupted");
            }
            throw new IOException(what + " " + path + " on " + host + " failed: " + cause(host, e), e);
        }
    }

    /** Whether smbj gave up waiting because the thread was interrupted (Ctrl-C). */
    public static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // a socket's time-out is an InterruptedIOException too, but no one interrupted anything
            if (t instanceof InterruptedException
                    || (t instanceof java.io.InterruptedIOException && !(t instanceof java.net.SocketTimeoutException))) return true;
        }
        return false;
    }

    /**
     * Why a request to {@code host} failed, in words a user can act on: a server that did not answer in time, a cut
     * connection, or smbj's own first line with no class names in it.
     */
    public static String cause(String host, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return host + " did not answer within " + SmbTimeout.seconds() + " s (--timeout); check that it is up and reachable";
            }
            if (t instanceof java.io.EOFException || t instanceof java.net.SocketException
                    || (t.getMessage() != null && t.getMessage().contains("closed"))) {
                return "the connection to " + host + " was cut; check the network and that the server is running";
            }
        }
        return withoutClassNames(oneLine(e.getCause() != null ? e.getCause() : e));
    }

    /** smbj's messages often start with the class of a wrapped exception ("java.io.IOException: ..."): drop it. */
    public static String withoutClassNames(String message) {
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("\\s*for SMB2FileId\\{[^}]*\\}", "")
                .replaceAll("\\s*\\(0x[0-9a-fA-F]{8}\\)", "").strip();
    }

    public static IOException translate(String host, String what, Object path, SMBApiException e) {
        NtStatus st = e.getStatus();
        String p = String.valueOf(path);
        return switch (st) {
            case STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND, STATUS_NO_SUCH_FILE, STATUS_NOT_FOUND -> new NoSuchFileException(p);
            case STATUS_OBJECT_NAME_COLLISION -> new FileAlreadyExistsException(p);
            case STATUS_ACCESS_DENIED -> new AccessDeniedException(p, null, host + " refused to " + what + " " + p
                    + " (" + st + "): log on as an administrator of " + host + ", to a share that is not read only");
            case STATUS_DISK_FULL -> new IOException(what + " " + p + " on " + host + ": the disk is full (STATUS_DISK_FULL); free space on " + host
                    + " and run again", e);
            default -> new IOException(what + " " + p + " on " + host + " failed (" + st + ")", e);
        };
    }

    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? "no reason given" : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
