package prestage.smb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import prestage.smb.connect.SmbFailures;
import prestage.smb.share.SmbReader;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;
import prestage.smb.svcctl.RemoteRegistryStarter;

/**
 * The Remote Registry's start type before a run changed it, kept in a small file on the client's drive
 * ({@code C:\Windows\Temp\prestage\remote-registry.txt}) for as long as the change lasts, so a run killed before it
 * could put the service back leaves the next run what it needs.
 */
final class ClientNote implements RemoteRegistryStarter.Ledger {
    private final SmbShare share;
    private final String path;

    ClientNote(SmbShare share, String path) {
        this.share = share;
        this.path = path;
    }

    private String host() {
        return share.address().host();
    }

    private String folder() {
        return path.substring(0, path.lastIndexOf('\\'));
    }

    @Override
    public void record(int startTypeBefore) throws IOException {
        String[] names = folder().split("\\\\");
        String p = "";
        for (String name : names) {
            p = p.isEmpty() ? name : p + "\\" + name;
            String at = p;
            if (SmbFailures.io(host(), "stat", at, () -> share.stat(at)).isEmpty()) SmbFailures.act(host(), "create folder", at, () -> share.makeFolder(at));
        }
        byte[] text = ("start=" + startTypeBefore + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (SmbWriter w = SmbFailures.io(host(), "open", path, () -> share.openWrite(path, true, 1))) {
            w.write(text, 0, text.length, 0);
            w.flush();
        }
    }

    @Override
    public Optional<Integer> read() throws IOException {
        if (SmbFailures.io(host(), "stat", path, () -> share.stat(path)).isEmpty()) return Optional.empty();
        try (SmbReader r = SmbFailures.io(host(), "open", path, () -> share.openRead(path, 1))) {
            var b = java.nio.ByteBuffer.allocate(256);
            int n = Math.max(0, r.next(b));
            String t = new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
            return t.startsWith("start=") ? Optional.of(Integer.parseInt(t.substring(6).strip())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void clear() throws IOException {
        SmbFailures.act(host(), "delete", path, () -> share.delete(path));
        String f = folder();
        if (share.stat(f).isPresent() && share.list(f).isEmpty()) SmbFailures.act(host(), "delete", f, () -> share.delete(f));
    }
}
