package prestage.smb.connect;

import prestage.core.client.CredentialsRefused;

/** A logon refused for its credentials (wrong password, disabled, expired or locked account): see {@link CredentialsRefused}. */
public final class SmbLogonRefusedException extends SmbConnectException implements CredentialsRefused {
    private final String host;

    public SmbLogonRefusedException(String host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    @Override
    public String refusedBy() {
        return host;
    }
}
