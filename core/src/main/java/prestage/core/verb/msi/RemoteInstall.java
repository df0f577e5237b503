package prestage.core.verb.msi;

import prestage.core.OptionWords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.client.RemoteInstaller;
import prestage.core.outcome.Step;
import prestage.core.msi.MsiCommand;
import prestage.core.msi.MsiPackage;
import prestage.core.verb.Context;

/**
 * {@code msi --run} on a network client: the package given is a file on this machine, copied to the client and run
 * there (see {@link RemoteInstaller}). Not again when the client's Uninstall keys already hold that ProductCode at
 * that ProductVersion: then the step is ok.
 */
final class RemoteInstall {
    private static final String VERB = "msi";
    private static final int RESTART_NEEDED = 3010;
    private static final int BUSY = 1618;

    private final Context ctx;
    private final MsiRunLimits limits;
    private final RemoteInstaller installer;

    RemoteInstall(Context ctx, MsiRunLimits limits, RemoteInstaller installer) {
        this.ctx = ctx;
        this.limits = limits;
        this.installer = installer;
    }

    Step install(MsiRequest request, MsiCommand command) {
        Path local = Path.of(request.packagePath());
        if (!Files.isRegularFile(local)) {
            throw new BadInputException("msi " + OptionWords.on("run") + ": " + local + " is not a file on this machine; over SMB prestage copies the package "
                    + "from here to the client, so give the path of the .msi here");
        }
        MsiPackage pkg = MsiPackage.read(local);
        String sha = sha256(local);
        String subject = command.packagePath();
        String product = pkg.productName().isEmpty() ? local.getFileName().toString() : pkg.productName();
        Optional<InstalledProducts.Product> installed;
        String unknown = null;
        try {
            installed = InstalledProducts.find(ctx.client().registry(), pkg.productCode());
        } catch (BadInputException e) {
            if (!ctx.whatIf()) throw e;
            installed = Optional.empty();
            unknown = e.getMessage();
        } catch (IOException e) {
            if (!ctx.whatIf()) {
                return Step.failed(VERB, subject, "cannot tell whether " + product + " is installed on " + ctx.client().describe() + ": " + e.getMessage());
            }
            installed = Optional.empty();
            unknown = e.getMessage();
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("command", command.toString());
        data.put("productCode", pkg.productCode());
        data.put("productVersion", pkg.productVersion());
        data.put("sha256", sha);
        if (installed.isPresent() && installed.get().version().equals(pkg.productVersion())) {
            data.put("installed", installed.get().version());
            return Step.ok(VERB, subject, product + " " + pkg.productVersion() + " is installed on " + ctx.client().describe() + " ("
                    + installed.get().where() + "); not run again").withData(data);
        }
        installed.ifPresent(p -> data.put("installed", p.version()));
        String was = installed.map(p -> " (" + p.version() + " is installed)").orElse("");
        if (ctx.whatIf()) {
            String line = "would copy " + local.getFileName() + " to " + ctx.client().describe() + " and run it through " + installer.describe()
                    + was + ": " + command + (unknown == null ? "" : "; whether it is installed already is not known until then (" + unknown + ")");
            return Step.changed(VERB, subject, line, List.of("+ " + command)).withData(data);
        }
        Path log = request.log() != null ? Path.of(request.log()) : Path.of("msiexec-" + hostPart() + "-" + sha.substring(0, 12) + ".log");
        RemoteInstaller.Result r;
        try {
            r = installer.install(new RemoteInstaller.Request(local, sha, (pkgPath, logPath) -> withPackage(command, pkgPath).withVerboseLog(logPath),
                    log, limits.timeout(), limits.busyRetries(), limits.busyPause(), ctx::warn));
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            return Step.failed(VERB, subject, "cannot install " + product + " through " + installer.describe() + ": " + e.getMessage()).withData(data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Step.failed(VERB, subject, "interrupted while msiexec ran through " + installer.describe()).withData(data);
        }
        r.leftovers().forEach(l -> ctx.warn("msi: left on the client: " + l));
        data.put("clientCommand", r.command());
        data.put("runs", r.runs());
        r.exitCode().ifPresent(c -> data.put("exitCode", c));
        r.log().ifPresent(p -> data.put("log", p.toString()));
        String logNote = r.log().map(p -> "; log: " + p).orElse("");
        if (r.exitCode().isEmpty()) {
            return Step.failed(VERB, subject, "msiexec did not finish within " + MsiWording.duration(limits.timeout()) + " through " + installer.describe()
                    + " (it may still be running there); the service and the copied files were removed" + logNote).withData(data);
        }
        int code = r.exitCode().get();
        if (code == 0) {
            return Step.changed(VERB, subject, "installed " + product + " " + pkg.productVersion() + " through " + installer.describe() + logNote,
                    List.of("+ " + r.command())).withData(data);
        }
        if (code == RESTART_NEEDED) {
            return Step.changed(VERB, subject, "installed " + product + " " + pkg.productVersion() + " through " + installer.describe()
                    + "; the client must restart to finish (msiexec 3010)" + logNote, List.of("+ " + r.command())).withData(data);
        }
        String errors = r.errors().isEmpty() ? "" : ": " + String.join(" | ", r.errors());
        if (code == BUSY) {
            return Step.failed(VERB, subject, "another installation kept running on the client (msiexec 1618, tried " + r.runs() + " times)" + errors
                    + logNote).withData(data);
        }
        return Step.failed(VERB, subject, "msiexec exited with " + code + errors + logNote).withData(data);
    }

    /** The host part of the client's description, for the log's file name. */
    private String hostPart() {
        String d = installer.describe();
        String host = d.substring(d.lastIndexOf(' ') + 1);
        return host.replaceAll("[^A-Za-z0-9.-]", "_").toLowerCase(Locale.ROOT);
    }

    private static MsiCommand withPackage(MsiCommand c, String packagePath) {
        return new MsiCommand(packagePath, c.properties(), c.quiet(), c.log());
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException("msi " + OptionWords.on("run") + ": cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
