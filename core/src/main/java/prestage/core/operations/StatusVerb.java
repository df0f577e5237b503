package prestage.core.operations;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import prestage.core.BadInputException;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.Context;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.registry.RegValue;

/**
 * The {@code status} verb: one look at a client, changing nothing. Each aspect is a step of its own (layout,
 * the ACL of both folders, the files against their manifest, read-only marks, the registry value, the install
 * command), so a drift names exactly what differs. The sum of them is returned, not recorded: a recorded summary
 * would be one more drift line, and the run's summary ({@code 4 ok, 0 changed, 3 drift, 0 failed}) would then
 * disagree with the lines above it.
 */
public final class StatusVerb {
    private final Context ctx;
    private final Verbs verbs;
    private final Profile profile;

    /** @param verbs the run's verbs, through which each aspect is checked as its own verb would check it */
    public StatusVerb(Context ctx, Verbs verbs, Profile profile) {
        this.ctx = ctx;
        this.verbs = verbs;
        this.profile = profile;
    }

    public Step status(StatusRequest request) {
        String rootSpec = request.root();
        ClientPath base = ctx.client().path(rootSpec);
        if (!isFolder(base)) {
            throw new BadInputException("status " + rootSpec + ": " + base + " is not a folder; give the image store folder (e.g. 'C:\\' with --target)");
        }
        ClientPath root = base.resolve(profile.storeFolder());
        ClientPath prestaged = root.resolve(profile.prestagedFolder());
        String rootClient = root.toString();
        String prestagedClient = prestaged.toString();

        var parts = new ArrayList<Step>();
        parts.add(layout(root, prestaged, rootClient, prestagedClient));
        if (parts.get(0).status() == Status.OK) {
            parts.add(check(rootClient, () -> verbs.aclDiff(new AclDiffRequest(rootClient, profile.name()))));
            parts.add(check(prestagedClient, () -> verbs.aclDiff(new AclDiffRequest(prestagedClient, profile.name()))));
            parts.add(check(prestagedClient, () -> verbs.verify(new VerifyRequest(prestagedClient, false))));
            parts.add(readOnlyMarks(prestaged, prestagedClient));
        }
        registry(prestagedClient).ifPresent(parts::add);
        String msi = request.msiPackageOf(profile);
        parts.add(check(rootClient, () -> {
            var properties = new LinkedHashMap<String, String>();
            properties.put(profile.msiStoreProperty(), rootClient);
            properties.put("START_MEDV", "0");
            var command = verbs.msi(new MsiRequest(msi, properties, true, null, false, false, Optional.empty()));
            return StatusWording.installCommand(msi, command.toString());
        }));
        return StatusWording.summary(rootClient, parts);
    }

    private boolean isFolder(ClientPath p) {
        try {
            return ctx.client().stat(p).map(FileEntry::isFolder).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Step layout(ClientPath root, ClientPath prestaged, String rootClient, String prestagedClient) {
        var missing = new ArrayList<String>();
        if (!isFolder(root)) missing.add(rootClient);
        if (!isFolder(prestaged)) missing.add(prestagedClient);
        return ctx.record(StatusWording.layout(rootClient, missing));
    }

    /** Runs a check that records its own step; an error that stops it is drift of that aspect, not of the run. */
    private Step check(String subject, Supplier<Step> check) {
        try {
            return check.get();
        } catch (BadInputException | UncheckedIOException e) {
            return ctx.record(StatusWording.notChecked(subject, e.getMessage()));
        }
    }

    private Step readOnlyMarks(ClientPath prestaged, String prestagedClient) {
        var notMarked = new ArrayList<String>();
        int images = 0;
        try {
            var files = new ArrayList<>(ctx.client().list(prestaged));
            files.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            for (FileEntry f : files) {
                if (!f.isFile() || !isImage(f.name())) continue;
                images++;
                if (!ctx.client().isReadOnly(prestaged.resolve(f.name()))) notMarked.add(f.name());
            }
        } catch (IOException e) {
            return ctx.record(StatusWording.cannotReadMarks(prestagedClient, e.getMessage()));
        }
        return ctx.record(StatusWording.readOnlyMarks(prestagedClient, images, notMarked));
    }

    private boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String glob : profile.includes()) {
            if (lower.endsWith(glob.toLowerCase(Locale.ROOT).replace("*", ""))) return true;
        }
        return false;
    }

    /** The value the client reads must name the store; a target without a registry is said, not hidden. */
    private Optional<Step> registry(String prestagedClient) {
        String subject = profile.registryKey() + "\\" + profile.registryValue();
        Optional<RegValue> value;
        try {
            value = verbs.registryValue(new RegistryGetRequest(profile.registryKey(), profile.registryValue(), profile.registryView()));
        } catch (BadInputException e) {
            ctx.warn("registry not checked: " + e.getMessage());
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.of(ctx.record(StatusWording.registryFailed(subject, e.getMessage())));
        }
        if (value.isEmpty()) {
            return Optional.of(ctx.record(StatusWording.registryNotSet(subject, profile.registryView(), prestagedClient)));
        }
        String actual = text(value.get());
        if (actual.replaceAll("[\\\\/]+$", "").equalsIgnoreCase(prestagedClient.replaceAll("[\\\\/]+$", ""))) {
            return Optional.of(ctx.record(StatusWording.registryNamesStore(subject, actual)));
        }
        return Optional.of(ctx.record(StatusWording.registryElsewhere(subject, actual, prestagedClient)));
    }

    private static String text(RegValue v) {
        byte[] d = v.data();
        String s = new String(d, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
