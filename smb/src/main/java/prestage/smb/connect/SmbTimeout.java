package prestage.smb.connect;

/**
 * How long prestage waits for an SMB server: {@code --timeout SECONDS}, which the shell hands over as the system
 * property {@value #PROPERTY} (as it does the credentials file), for every client a run opens.
 */
public final class SmbTimeout {
    /** The system property the shell sets from {@code --timeout SECONDS}. */
    public static final String PROPERTY = "prestage.smb.timeout";
    /**
     * Seconds to wait for a server's answer to any one request (and on a silent socket): long enough for a loaded
     * server on a LAN or a VPN, short enough that a hung host is named well before an admin gives up on it (smbj's
     * own default is 60 s; prestage had 120 s).
     */
    public static final int DEFAULT_SECONDS = 30;

    private SmbTimeout() {
    }

    public static int seconds() {
        return Integer.getInteger(PROPERTY, DEFAULT_SECONDS);
    }
}
