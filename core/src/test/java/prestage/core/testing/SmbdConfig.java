package prestage.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private configuration of a test smbd ({@link Smbd}, and LoopbackSmbd in smb's tests): everything Samba keeps
 * (smb.conf, passdb, locks, state, caches, pids, sockets, logs) under one folder, loopback only, and {@link #USER} in
 * its own passdb. Each share's folder is {@code dir/NAME}.
 */
public final class SmbdConfig {
    /** The one Unix account sure to exist wherever the tests run; it is added to the private passdb only. */
    public static final String USER = "root";
    public static final String PASSWORD = "Prestage-test-1";
    private static final List<String> STATE_DIRS = List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log");

    private final Path dir;
    private final int port;
    private final boolean rpcHelpers;
    private final Map<String, Map<String, String>> shares = new LinkedHashMap<>();

    /**
     * @param port       {@code smb ports}
     * @param rpcHelpers {@code rpc start on demand helpers}: on, smbd spawns samba-dcerpcd, which serves winreg
     */
    public SmbdConfig(Path dir, int port, boolean rpcHelpers) {
        this.dir = dir;
        this.port = port;
        this.rpcHelpers = rpcHelpers;
    }

    /** Options of a share anyone in the passdb may write, with {@link #USER} as its admin, plus {@code extra}. */
    public static Map<String, String> writable(Map<String, String> extra) {
        var options = new LinkedHashMap<String, String>();
        options.put("read only", "no");
        options.put("admin users", USER);
        options.putAll(extra);
        return options;
    }

    /** Adds share {@code name}, served from {@code dir/name}. */
    public SmbdConfig share(String name, Map<String, String> options) {
        shares.put(name, options);
        return this;
    }

    public Path file() {
        return dir.resolve("smb.conf");
    }

    public Path dir() {
        return dir;
    }

    /** Makes the folders, writes smb.conf, adds {@link #USER} to the passdb and stores the machine SID. */
    public Path write() throws IOException {
        for (String d : STATE_DIRS) Files.createDirectories(dir.resolve(d));
        // netbios name = workgroup, so that samba-tool finds the domain SID that net getlocalsid stores
        var text = new StringBuilder("""
                [global]
                  netbios name = PRESTAGETEST
                  workgroup = PRESTAGETEST
                  server role = standalone server
                  interfaces = lo
                  bind interfaces only = yes
                  disable netbios = yes
                  smb ports = %d
                  private dir = %s/private
                  lock directory = %2$s/lock
                  state directory = %2$s/state
                  cache directory = %2$s/cache
                  pid directory = %2$s/pid
                  ncalrpc dir = %2$s/ncalrpc
                  log file = %2$s/log/log.%%m
                  rpc start on demand helpers = %s
                  passdb backend = tdbsam
                  load printers = no
                  printcap name = /dev/null
                """.formatted(port, dir, rpcHelpers ? "yes" : "no"));
        for (var share : shares.entrySet()) {
            Path folder = Files.createDirectories(dir.resolve(share.getKey()));
            text.append('[').append(share.getKey()).append("]\n  path = ").append(folder).append('\n');
            share.getValue().forEach((k, v) -> text.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        Files.writeString(file(), text);
        Smbd.run(List.of("smbpasswd", "-c", file().toString(), "-s", "-a", USER), PASSWORD + "\n" + PASSWORD + "\n");
        Smbd.run(List.of("net", "-s", file().toString(), "getlocalsid"), null);
        return file();
    }
}
