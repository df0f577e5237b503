package prestage.smb.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

import prestage.smb.connect.SmbAddress;
import prestage.smb.connect.SmbCredentials;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;

/**
 * Pushes one local file to a share the way push does over SMB: a part file written with several WRITE requests in
 * flight at the negotiated maximum size, SHA-256 over the same buffers (unless {@code --no-hash}), SMB2 FLUSH, then a
 * rename over the final name. Prints one line: bytes, seconds, MiB/s, CPU seconds of this JVM, dialect and signing.
 * <p>
 * {@code SmbPushBench smb://user@host:port/share LOCAL_FILE NAME_IN_SHARE [IN_FLIGHT] [--no-hash] [--connections=N]},
 * password in PRESTAGE_SMB_PASSWORD.
 * <p>
 * {@code --connections=N} (an experiment, not what push does): N sessions on N TCP connections, each on its own thread
 * writing one Nth of the file to its own part file ({@code NAME.partK}, each hashed on its own), so the server runs N
 * smbd processes. It measures what more connections could bring on this machine, not a push.
 */
public final class SmbPushBench {
    public static void main(String[] args) throws Exception {
        var address = SmbAddress.parse(args[0]);
        Path local = Path.of(args[1]);
        String name = args[2];
        int inFlight = args.length > 3 && !args[3].startsWith("--") ? Integer.parseInt(args[3]) : SmbShare.DEFAULT_IN_FLIGHT;
        boolean hash = !java.util.Arrays.asList(args).contains("--no-hash");
        int connections = java.util.Arrays.stream(args).filter(a -> a.startsWith("--connections=")).map(a -> Integer.parseInt(a.substring(14)))
                .findFirst().orElse(1);
        var creds = SmbCredentials.resolve(address, null, System.getenv());
        if (connections > 1) {
            splitAcross(address, creds, local, name, inFlight, hash, connections);
            return;
        }
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

    private static void splitAcross(SmbAddress address, SmbCredentials creds, Path local, String name, int inFlight, boolean hash, int n)
            throws Exception {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long size = java.nio.file.Files.size(local);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        var parts = new java.util.ArrayList<java.util.concurrent.Future<String>>();
        String[] dialect = new String[1];
        for (int k = 0; k < n; k++) {
            long from = size * k / n;
            long to = size * (k + 1) / n;
            int part = k;
            parts.add(pool.submit(() -> {
                try (SmbShare share = SmbShare.connect(address, creds, SmbShare.defaultConfig());
                     FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
                    dialect[0] = share.dialect() + " signing=" + share.signingRequired() + " chunk=" + share.maxWriteSize();
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    try (SmbWriter w = share.openWrite(name + ".part" + part, true, inFlight)) {
                        ByteBuffer buf = ByteBuffer.allocate(w.chunkSize());
                        for (long pos = from; pos < to; ) {
                            buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
                            while (buf.hasRemaining() && in.read(buf, pos + buf.position()) > 0) {
                                // fill the chunk
                            }
                            buf.flip();
                            if (hash) md.update(buf.array(), 0, buf.limit());
                            w.write(buf, pos - from);
                            pos += buf.limit();
                        }
                        w.flush();
                    }
                    return HexFormat.of().formatHex(md.digest());
                }
            }));
        }
        for (var f : parts) f.get();
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bytes=%d seconds=%.3f mib_per_s=%.1f jvm_cpu_s=%.2f dialect=%s in_flight=%d connections=%d sha256=-%n",
                size, s, size / 1048576.0 / s, (cpuNanos() - cpu0) / 1e9, dialect[0], inFlight, n);
    }

    private static long cpuNanos() throws IOException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
