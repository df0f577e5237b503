package prestage.smb;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbLogon;
import prestage.smb.share.SmbShare;

import prestage.core.client.Client;
import prestage.core.client.ClientProvider;
import prestage.core.client.ClientSettings;

/**
 * Opens {@code --target \\host\C$} and {@code --target smb://...} (found by core's Clients through ServiceLoader). How
 * to log on comes with the run's {@link ClientSettings#logon()} ({@code --auth}, {@code --credentials},
 * {@code --keytab}, {@code --principal}, or a fleet host's variables), so that each client of a run can have its own;
 * the rest from the environment ({@value SmbLogon#CREDENTIALS_VARIABLE}, {@code PRESTAGE_SMB_USER}/{@code PRESTAGE_SMB_PASSWORD},
 * {@code KRB5CCNAME}): see {@link SmbLogon}.
 */
public final class SmbClientProvider implements ClientProvider {
    @Override
    public boolean accepts(String spec) {
        return spec != null && SmbAddress.looksLike(spec);
    }

    @Override
    public Client open(String spec, String registry) {
        return open(spec, registry, ClientSettings.DEFAULTS);
    }

    @Override
    public Client open(String spec, String registry, ClientSettings settings) {
        SmbAddress address = SmbAddress.parse(spec);
        SmbLogon logon = SmbLogon.resolve(address, settings.logon(), System.getenv());
        return new SmbClient(SmbShare.connect(address, logon, SmbShare.defaultConfig()), registry, settings.serviceChanges(),
                () -> SmbShare.connect(address, logon, SmbShare.defaultConfig()));
    }
}
