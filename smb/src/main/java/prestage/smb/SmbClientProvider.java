package prestage.smb;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.share.SmbShare;

import java.nio.file.Path;

import prestage.core.client.Client;
import prestage.core.client.ClientProvider;

/**
 * Opens {@code --target \\host\C$} and {@code --target smb://...} (found by core's Clients through ServiceLoader).
 * Credentials: the file named by system property {@value #CREDENTIALS_PROPERTY} (the shell sets it from
 * {@code --credentials FILE}) or environment variable {@value #CREDENTIALS_VARIABLE}; otherwise
 * {@code PRESTAGE_SMB_USER}/{@code PRESTAGE_SMB_PASSWORD}.
 */
public final class SmbClientProvider implements ClientProvider {
    public static final String CREDENTIALS_PROPERTY = "prestage.smb.credentials";
    public static final String CREDENTIALS_VARIABLE = "PRESTAGE_SMB_CREDENTIALS";

    @Override
    public boolean accepts(String spec) {
        return spec != null && SmbAddress.looksLike(spec);
    }

    @Override
    public Client open(String spec, String registry) {
        SmbAddress address = SmbAddress.parse(spec);
        String file = System.getProperty(CREDENTIALS_PROPERTY, System.getenv(CREDENTIALS_VARIABLE));
        SmbCredentials credentials = SmbCredentials.resolve(address, file == null || file.isBlank() ? null : Path.of(file), System.getenv());
        return new SmbClient(SmbShare.connect(address, credentials, SmbShare.defaultConfig()), registry);
    }
}
