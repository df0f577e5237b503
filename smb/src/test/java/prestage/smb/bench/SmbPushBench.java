package prestage.smb.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

import prestage.smb.SmbAddress;
import prestage.smb.SmbCredentials;
import prestage.smb.SmbShare;
import prestage.smb.SmbWriter;

/**
 * Pushes one local file to a share the way push does over SMB: a part file written with several WRITE requests in
 * flight at the negotiated maximum size, SHA-256 over the same buffers (unless {@code --no-hash}), SMB2 FLUSH, then a
 * rename over the final name. Prints one line: bytes, seconds, MiB/s, CPU seconds of this JVM, dialect and signing.
 * <p>
 * {@code SmbPushBench smb://user@host:port/share LOCAL_FILE NAME_IN_SHARE [IN_FLIGHT] [--no-hash]}, password in
 * PRESTAGE_SMB_PASSWORD.
 */
public final class SmbPushBench {
    public static void main(String[] args) throws Exception {
        var address = SmbAddress.parse(args[0]);
        Path local = Path.of(args[1]);
        String name = args[2];
        int inFlight = args.length > 3 && !args[3].startsWith("--") ? Integer.parseInt(args[3]) : SmbShare.DEFAULT_IN_FLIGHT;
        boolean hash = !java.util.Arrays.asList(args).contains("--no-hash");
        var creds = SmbCredentials.resolve(address, null, System.getenv());
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long bytes = 0;
        String digest = "-";
        try (SmbShare share = SmbShare.connect(address, creds, SmbShare.defaultConfig());
             FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (SmbWriter w = share.openWrite(name + ".part", true, inFlight)) {
                ByteBuffer buf = ByteBuffer.allocate(w.chunkSize());
                while (true) {
                    buf.clear();
                    while (buf.hasRemaining() && in.read(buf) > 0) {
                        // fill a whole chunk: one WRITE request per buffer
                    }
                    buf.flip();
                    if (!buf.hasRemaining()) break;
                    if (hash) md.update(buf.array(), 0, buf.limit());
                    w.write(buf, bytes);
                    bytes += buf.limit();
                }
                w.flush();
            }
            share.replace(name + ".part", name);
            if (hash) digest = HexFormat.of().formatHex(md.digest());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("bytes=%d seconds=%.3f mib_per_s=%.1f jvm_cpu_s=%.2f dialect=%s signing=%s in_flight=%d chunk=%d sha256=%s%n",
                    bytes, s, bytes / 1048576.0 / s, (cpuNanos() - cpu0) / 1e9, share.dialect(), share.signingRequired(),
                    inFlight, share.maxWriteSize(), digest);
        }
    }

    private static long cpuNanos() throws IOException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
