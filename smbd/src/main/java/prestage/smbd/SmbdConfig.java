package prestage.smbd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private configuration of an smbd (the demo's, and the tests' Smbd and LoopbackSmbd): everything Samba keeps
 * (smb.conf, passdb, locks, state, caches, pids, sockets, logs) under one folder, loopback only, and {@link #USER} in
 * its own passdb. Each share's folder is {@code dir/NAME} unless its options name a {@code path}.
 */
public final class SmbdConfig {
    /** The one Unix account sure to exist wherever the tests run; it is added to the private passdb only. */
    public static final String USER = "root";
    /** The tests' password; the demo makes one per start. */
    public static final String PASSWORD = "Prestage-test-1";
    private static final List<String> STATE_DIRS = List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log");

    private final Path dir;
    private final int port;
    private final boolean rpcHelpers;
    private final Map<String, Map<String, String>> shares = new LinkedHashMap<>();
    private final Map<String, String> global = new LinkedHashMap<>();
    private String name = "PRESTAGETEST";
    private String password = PASSWORD;

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

    /** Names the server (netbios name and workgroup). */
    public SmbdConfig named(String netbiosName) {
        this.name = netbiosName;
        return this;
    }

    /** {@link #USER}'s password in the passdb, instead of the tests' {@link #PASSWORD}. */
    public SmbdConfig password(String password) {
        this.password = password;
        return this;
    }

    public String password() {
        return password;
    }

    /** Adds {@code key = value} to [global], e.g. {@code server signing = mandatory}. */
    public SmbdConfig global(String key, String value) {
        global.put(key, value);
        return this;
    }

    /** Adds share {@code name}, served from {@code dir/name} (or the {@code path} its options give). */
    public SmbdConfig share(String name, Map<String, String> options) {
        shares.put(name, options);
        return this;
    }

    /** The folder share {@code name} serves. */
    public Path shareDir(String share) {
        String path = shares.getOrDefault(share, Map.of()).get("path");
        return path != null ? Path.of(path) : dir.resolve(share);
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
                  netbios name = %4$s
                  workgroup = %4$s
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
                """.formatted(port, dir, rpcHelpers ? "yes" : "no", name));
        global.forEach((k, v) -> text.append("  ").append(k).append(" = ").append(v).append('\n'));
        for (var share : shares.entrySet()) {
            Path folder = Files.createDirectories(shareDir(share.getKey()));
            text.append('[').append(share.getKey()).append("]\n  path = ").append(folder).append('\n');
            share.getValue().forEach((k, v) -> {
                if (!k.equals("path")) text.append("  ").append(k).append(" = ").append(v).append('\n');
            });
        }
        Files.writeString(file(), text);
        Commands.run(List.of("smbpasswd", "-c", file().toString(), "-s", "-a", USER), password + "\n" + password + "\n");
        Commands.run(List.of("net", "-s", file().toString(), "getlocalsid"), null);
        return file();
    }
}
