package prestage.smb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.smb.connect.SmbFailures;
import prestage.smb.share.SmbReader;
import prestage.smb.share.SmbShare;
import prestage.smb.share.SmbWriter;
import prestage.core.client.RemoteInstaller;
import prestage.core.client.ServiceChanges;
import prestage.smb.svcctl.ServiceManager;

/**
 * Installs an MSI on a Windows client without an agent, as PsExec and PDQ Deploy do: the package is copied to
 * {@code C:\Windows\Temp\prestage\<sha256>\} (and hashed again there), a one-shot service runs {@code install.cmd}
 * through {@code %COMSPEC%}, the script runs msiexec with a verbose log and writes its exit status to a file, and
 * prestage polls for that file over the share. The service and every file are removed after success, failure, timeout
 * or an interrupted run (a shutdown hook); a killed run's leftovers carry the package's hash in their names, and the
 * next run for that package removes them first.
 * <p>
 * Why {@code start "" /b} in the service's command line: cmd.exe is not a service program, so the service manager
 * gives up on it (ERROR_SERVICE_REQUEST_TIMEOUT) and ends it; the script runs in a second cmd that outlives it.
 */
final class SmbInstaller implements RemoteInstaller {
    static final String TEMP = "Windows\\Temp\\prestage";
    static final String SCRIPT = "install.cmd";
    static final String STATUS = "exit-status.txt";
    static final String LOG = "msiexec.log";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final int ERROR_INSTALL_ALREADY_RUNNING = 1618;

    private final SmbShare share;
    private final String drive;
    private final ServiceChanges policy;
    private final IoSupplier<ServiceManager> scm;

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    SmbInstaller(SmbShare share, String drive, ServiceChanges policy, IoSupplier<ServiceManager> scm) {
        this.share = share;
        this.drive = drive;
        this.policy = policy;
        this.scm = scm;
    }

    private String host() {
        return share.address().host();
    }

    /** prestage-msi- and the first 12 hex digits of the package's hash: one name per package, found again after a kill. */
    static String serviceName(String sha256) {
        return "prestage-msi-" + sha256.substring(0, 12);
    }

    /** The service's command line, exactly. */
    static String binaryPath(String scriptOnClient) {
        return "%COMSPEC% /c start \"\" /b %COMSPEC% /c " + scriptOnClient;
    }

    /**
     * The script: msiexec waited for ({@code start /wait}: msiexec is a GUI program, which cmd would not wait for), then
     * its exit status written where prestage looks for it. UTF-8 under code page 65001, CRLF.
     */
    static String script(String msiexecCommandLine, String statusOnClient) {
        return "@echo off\r\nchcp 65001 >nul\r\nstart \"\" /wait " + msiexecCommandLine + "\r\n>\"" + statusOnClient + "\" echo %ERRORLEVEL%\r\n";
    }

    @Override
    public String describe() {
        return "a one-shot service on " + host();
    }

    @Override
    public Result install(Request request) throws IOException, InterruptedException {
        String sha = request.sha256().toLowerCase(Locale.ROOT);
        String folder = TEMP + "\\" + sha;
        String onClient = drive + ":\\" + folder;
        String packageName = request.localPackage().getFileName().toString();
        String command = request.commandLine().apply(onClient + "\\" + packageName, onClient + "\\" + LOG);
        if (policy == ServiceChanges.REFUSED) {
            throw new BadInputException("msi --run on " + host() + " creates a one-shot service there, which --no-service-changes forbids; run it on "
                    + host() + " (or through your deployment tool): " + command);
        }
        String service = serviceName(sha);
        var leftovers = new ArrayList<String>();
        Thread hook = new Thread(() -> cleanUp(service, folder, packageName, new ArrayList<>()), "prestage: remove " + service + " from " + host());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            cleanUp(service, folder, packageName, leftovers); // what a killed run left
            if (!leftovers.isEmpty()) throw new IOException("cannot clear what an earlier run left on " + host() + ": " + String.join("; ", leftovers));
            if (SmbFailures.io(host(), "stat", "C:\\Windows\\Temp", () -> share.stat("Windows\\Temp")).isEmpty()) {
                throw new BadInputException(share.address().unc() + " has no Windows\\Temp folder: msi --run needs the admin share of the system drive (C$)");
            }
            makeFolders(folder);
            copy(request.localPackage(), folder + "\\" + packageName, sha);
            writeSmall(folder + "\\" + SCRIPT, script(command, onClient + "\\" + STATUS).getBytes(StandardCharsets.UTF_8));
            return run(request, service, folder, onClient, command, packageName);
        } finally {
            cleanUp(service, folder, packageName, leftovers);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook does the same
            }
        }
    }

    private Result run(Request request, String service, String folder, String onClient, String command, String packageName)
            throws IOException, InterruptedException {
        ServiceManager m = scm.get();
        byte[] svc = m.createService(service, "prestage: install " + packageName, binaryPath(onClient + "\\" + SCRIPT));
        try {
            Optional<Integer> status = Optional.empty();
            int runs = 0;
            for (int attempt = 0; attempt <= request.busyRetries(); attempt++) {
                if (attempt > 0) {
                    request.progress().accept("another installation is in progress on " + host() + " (msiexec " + ERROR_INSTALL_ALREADY_RUNNING
                            + "); trying again in " + request.busyPause().toSeconds() + " s");
                    Thread.sleep(request.busyPause().toMillis());
                }
                SmbFailures.act(host(), "delete", folder + "\\" + STATUS, () -> share.delete(folder + "\\" + STATUS));
                int rc = m.start(svc);
                if (rc != 0 && rc != ServiceManager.ERROR_SERVICE_REQUEST_TIMEOUT) {
                    throw new IOException("the service manager of " + host() + " could not start the one-shot service " + service + " (Windows error " + rc + ")");
                }
                runs++;
                status = waitForStatus(folder + "\\" + STATUS, request);
                if (status.isEmpty() || status.get() != ERROR_INSTALL_ALREADY_RUNNING) break;
            }
            Optional<Path> log = bringBackLog(folder + "\\" + LOG, request.localLog());
            List<String> errors = log.map(SmbInstaller::errorLines).orElse(List.of());
            return new Result(status, runs, command, log, errors, List.of());
        } finally {
            try {
                m.deleteService(svc, service);
            } finally {
                m.closeHandle(svc);
            }
        }
    }

    private Optional<Integer> waitForStatus(String statusPath, Request request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long end = start + request.timeout().toNanos();
        long nextNote = start + PROGRESS_EVERY.toNanos();
        while (true) {
            Optional<String> text = readSmall(statusPath);
            if (text.isPresent() && !text.get().isBlank()) {
                String t = text.get().trim();
                try {
                    return Optional.of(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IOException("the exit status file on " + host() + " holds '" + t + "', not msiexec's exit status");
                }
            }
            long now = System.nanoTime();
            if (now > end) return Optional.empty();
            if (now > nextNote) {
                request.progress().accept("msiexec is running on " + host() + " (" + Duration.ofNanos(now - start).toSeconds() + " s)");
                nextNote = now + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Removes the service and the files; what cannot be removed is added to {@code leftovers}, one line each. */
    private void cleanUp(String service, String folder, String packageName, List<String> leftovers) {
        try {
            ServiceManager m = scm.get();
            Optional<byte[]> svc = m.openService(service, 0x0001_0000 | ServiceManager.SERVICE_MANAGE);
            if (svc.isPresent()) {
                try {
                    if (m.state(svc.get(), service) != ServiceManager.SERVICE_STOPPED) m.stop(svc.get(), service);
                    m.deleteService(svc.get(), service);
                } finally {
                    m.closeHandle(svc.get());
                }
            }
        } catch (IOException | RuntimeException e) {
            leftovers.add("the service " + service + " (" + SmbFailures.oneLine(e) + "); an admin can run: sc \\\\" + host() + " delete " + service);
        }
        for (String name : List.of(packageName, SCRIPT, STATUS, LOG)) {
            try {
                SmbFailures.act(host(), "delete", folder + "\\" + name, () -> share.delete(folder + "\\" + name));
            } catch (IOException | RuntimeException e) {
                leftovers.add(drive + ":\\" + folder + "\\" + name + " (" + SmbFailures.oneLine(e) + ")");
            }
        }
        for (String f : List.of(folder, TEMP)) {
            try {
                if (share.stat(f).isPresent() && share.list(f).isEmpty()) share.delete(f);
            } catch (RuntimeException e) {
                leftovers.add(drive + ":\\" + f + " (" + SmbFailures.oneLine(e) + ")");
            }
        }
    }

    private void makeFolders(String folder) throws IOException {
        String path = "";
        for (String name : folder.split("\\\\")) {
            path = path.isEmpty() ? name : path + "\\" + name;
            String p = path;
            if (SmbFailures.io(host(), "stat", p, () -> share.stat(p)).isEmpty()) SmbFailures.act(host(), "create folder", p, () -> share.makeFolder(p));
        }
    }

    /** Copies the package and reads the copy back through the share: the client holds exactly the bytes that were hashed. */
    private void copy(Path local, String remote, String sha) throws IOException {
        MessageDigest mine = sha256();
        try (InputStream in = Files.newInputStream(local); SmbWriter w = SmbFailures.io(host(), "open", remote, () -> share.openWrite(remote, true, 2))) {
            byte[] buf = new byte[1 << 20];
            long at = 0;
            for (int n; (n = in.read(buf)) > 0; at += n) {
                mine.update(buf, 0, n);
                w.write(buf, 0, n, at);
            }
            w.flush();
        }
        if (!HexFormat.of().formatHex(mine.digest()).equals(sha)) throw new IOException(local + " changed while it was copied; run again");
        MessageDigest theirs = sha256();
        try (SmbReader r = SmbFailures.io(host(), "open", remote, () -> share.openRead(remote, 2))) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (r.next(b.clear()) > 0) theirs.update(b.flip());
        }
        String got = HexFormat.of().formatHex(theirs.digest());
        if (!got.equals(sha)) throw new IOException("the copy of the package on " + host() + " has SHA-256 " + got + ", not " + sha + "; run again");
    }

    private void writeSmall(String remote, byte[] content) throws IOException {
        try (SmbWriter w = SmbFailures.io(host(), "open", remote, () -> share.openWrite(remote, true, 1))) {
            w.write(content, 0, content.length, 0);
            w.flush();
        }
    }

    private Optional<byte[]> readBytes(String remote) throws IOException {
        if (SmbFailures.io(host(), "stat", remote, () -> share.stat(remote)).isEmpty()) return Optional.empty();
        var out = new java.io.ByteArrayOutputStream();
        try (SmbReader r = SmbFailures.io(host(), "open", remote, () -> share.openRead(remote, 2))) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (r.next(b.clear()) > 0) {
                b.flip();
                out.write(b.array(), 0, b.limit());
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(out.toByteArray());
    }

    private Optional<String> readSmall(String remote) throws IOException {
        return readBytes(remote).map(b -> new String(b, StandardCharsets.US_ASCII));
    }

    private Optional<Path> bringBackLog(String remote, Path local) throws IOException {
        Optional<byte[]> bytes = readBytes(remote);
        if (bytes.isEmpty()) return Optional.empty();
        if (local.toAbsolutePath().getParent() != null) Files.createDirectories(local.toAbsolutePath().getParent());
        Files.write(local, bytes.get());
        return Optional.of(local);
    }

    /** The lines of a verbose msiexec log (UTF-16LE with a BOM, or ANSI) that say what went wrong; at most five. */
    static List<String> errorLines(Path log) {
        String text;
        try {
            byte[] b = Files.readAllBytes(log);
            boolean utf16 = b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE;
            text = utf16 ? new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE) : new String(b, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
        var out = new ArrayList<String>();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.matches("(?i).*\\b(error \\d+|installation failed|return value 3|another installation is in progress).*")) out.add(l);
        }
        return out.size() <= 5 ? out : out.subList(0, 5);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
