package prestage.smb.connect;

import java.io.IOException;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.PipeShare;
import com.hierynomus.smbj.share.Share;
import com.rapid7.helper.smbj.io.SMB2Exception;
import com.rapid7.helper.smbj.share.NamedPipe;

/**
 * Opens a named pipe ({@code \PIPE\svcctl}, {@code \PIPE\winreg}) on a session's IPC$ share. smbj and the dcerpc
 * library each throw their own exception for a refused open; callers get one, {@link Refused}, with the server's
 * status, and word it for the service behind the pipe.
 */
public final class NamedPipes {
    private NamedPipes() {
    }

    /** The server refused to open the pipe, with the status it answered. */
    public static final class Refused extends IOException {
        private final transient NtStatus status;

        private Refused(String pipe, String host, NtStatus status, Throwable cause) {
            super("\\PIPE\\" + pipe + " on " + host + ": " + status, cause);
            this.status = status;
        }

        public NtStatus status() {
            return status;
        }
    }

    /** IPC$ itself would not open, or is no pipe share: no pipe of that host can be reached. */
    public static final class NoPipeShare extends IOException {
        private NoPipeShare(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static NamedPipe open(Session session, String host, String pipe) throws IOException {
        Share ipc;
        try {
            ipc = session.connectShare("IPC$");
        } catch (SMBApiException e) {
            throw new NoPipeShare("cannot open IPC$ on " + host + " (" + e.getStatus() + ")", e);
        }
        if (!(ipc instanceof PipeShare pipes)) throw new NoPipeShare("IPC$ on " + host + " is not a pipe share", null);
        try {
            return new NamedPipe(session, pipes, pipe);
        } catch (SMB2Exception e) {
            throw new Refused(pipe, host, e.getStatus(), e);
        } catch (SMBApiException e) {
            throw new Refused(pipe, host, e.getStatus(), e);
        }
    }
}
