package prestage.core.verb.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegFileWriter;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.verb.registry.RegistryChange.Where;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;
import prestage.core.registry.ValueText;
import prestage.core.registry.Wow64Redirection;

/**
 * The {@code registry} verb: get, set, delete, export. It reads the current state, computes the change (a diff of
 * old and new values, per physical place), records it, and writes only when not under what-if. A second run finds
 * nothing to change and reports ok.
 */
public record RegistryVerb(Context ctx) {

    /**
     * The value (or, with a null name, every value and subkey of the key) as {@code reg query} prints it, under the
     * key's physical path. A missing key or value is a {@link BadInputException} that says where prestage looked.
     */
    public String get(RegistryGetRequest request) {
        Where r = where(request.key(), request.registryView());
        String name = request.name();
        String n = name == null ? null : valueName(name);
        try {
            for (RegLocation loc : r.locations()) {
                Optional<List<RegValue>> values = r.backend().values(loc);
                if (values.isEmpty()) continue;
                if (n == null) return RegistryWording.queryText(loc, values.get(), r.backend().subkeys(loc));
                Optional<RegValue> v = find(values.get(), n);
                if (v.isPresent()) return RegistryWording.queryText(loc, List.of(v.get()), List.of());
            }
            throw new BadInputException(notFound(r, n));
        } catch (IOException e) {
            throw new UncheckedIOException(RegistryWording.cannotReadText(r, e.getMessage()), e);
        }
    }

    /** The value as stored, or empty when the key or value does not exist: for other verbs (status) and recipes. */
    public Optional<RegValue> read(RegistryGetRequest request) {
        Where r = where(request.key(), request.registryView());
        String n = valueName(request.name());
        try {
            for (RegLocation loc : r.locations()) {
                Optional<RegValue> v = r.backend().value(loc, n);
                if (v.isPresent()) return v;
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(RegistryWording.cannotReadText(r, e.getMessage()), e);
        }
    }

    public Step set(RegistrySetRequest request) {
        String n = valueName(request.name());
        RegValue desired = ValueText.parse(n, request.valueType(), request.value());
        Where r;
        try {
            r = where(request.key(), request.registryView());
        } catch (BadInputException e) {
            return wouldChangeFirst(e.getCause(), request.key(), n, "set " + desired.typeName() + " " + desired.describe()).orElseThrow(() -> e);
        }
        warnProfileView(r, n);
        var places = new ArrayList<RegistryChange.SetPlace>();
        var edits = new ArrayList<RegEdit>();
        try {
            for (RegLocation loc : r.locations()) {
                Optional<List<RegValue>> values = r.backend().values(loc);
                Optional<RegValue> current = values.flatMap(vs -> find(vs, n));
                if (current.isPresent() && current.get().type() == desired.type()
                        && Arrays.equals(current.get().data(), desired.data())) continue;
                places.add(new RegistryChange.SetPlace(loc, values.isEmpty(), current));
                edits.add(new RegEdit.SetValue(loc, desired));
            }
            warnOtherView(r, n);
        } catch (IOException e) {
            return wouldChangeFirst(e, request.key(), n, "set " + desired.typeName() + " " + desired.describe())
                    .orElseGet(() -> ctx.record(RegistryWording.cannotRead(r, RegistryWording.subject(r.key(), n), e.getMessage())));
        }
        return write(r, n, new RegistryChange.SetValue(desired, places), edits);
    }

    /**
     * Under --what-if, a registry readable only once a service is started (a network client's stopped Remote Registry):
     * the step says what a run would do, first that, then {@code action} unless it is done already. A planned change,
     * as every what-if change (exit status 3), not a failure. Empty for any other problem.
     */
    private Optional<Step> wouldChangeFirst(Throwable problem, String key, String name, String action) {
        if (!ctx.whatIf() || !(problem instanceof prestage.core.registry.NotReadableWithoutChanges first)) return Optional.empty();
        RegistryKeyPath k = RegistryKeyPath.parse(key, w -> { });
        String subject = name == null ? k.shortForm() : RegistryWording.subject(k, name);
        return Optional.of(ctx.record(Step.changed("registry", subject, first.getMessage() + "; then would " + action
                + " unless it is so already", List.of("+ " + subject))));
    }

    public Step delete(RegistryDeleteRequest request) {
        String key = request.key();
        String name = request.name();
        String n = name == null ? null : valueName(name);
        Where r;
        try {
            r = where(key, request.registryView());
        } catch (BadInputException e) {
            return wouldChangeFirst(e.getCause(), key, n, n == null ? "delete the key" : "delete the value").orElseThrow(() -> e);
        }
        if (n == null && r.key().isRoot()) {
            throw new BadInputException("registry delete " + key + ": a root key cannot be deleted; name a key below it");
        }
        var edits = new ArrayList<RegEdit>();
        var keys = new ArrayList<RegistryChange.KeyTree>();
        var values = new ArrayList<RegistryChange.ValueAt>();
        try {
            for (RegLocation loc : r.locations()) {
                if (n == null) {
                    if (r.backend().isKeyAbsent(loc)) continue;
                    keys.add(tree(r.backend(), loc));
                    edits.add(new RegEdit.DeleteKey(loc));
                } else {
                    if (r.backend().isValueAbsent(loc, n)) continue;
                    values.add(new RegistryChange.ValueAt(loc, r.backend().value(loc, n)));
                    edits.add(new RegEdit.DeleteValue(loc, n));
                }
            }
        } catch (IOException e) {
            String subject = n == null ? r.key().shortForm() : RegistryWording.subject(r.key(), n);
            return wouldChangeFirst(e, key, n, n == null ? "delete the key" : "delete the value")
                    .orElseGet(() -> ctx.record(RegistryWording.cannotRead(r, subject, e.getMessage())));
        }
        return write(r, n, n == null ? new RegistryChange.DeleteKey(keys) : new RegistryChange.DeleteValue(values), edits);
    }

    /** Writes the key and everything below it as regedit would export it, under the physical key names. */
    public Step export(RegistryExportRequest request) {
        Where r = where(request.key(), request.registryView());
        ExportFile out = ExportFile.of(ctx.client(), request.file());
        var keys = new ArrayList<RegFileWriter.KeyValues>();
        try {
            RegLocation from = null;
            for (RegLocation loc : r.locations()) {
                if (r.backend().exists(loc)) {
                    from = loc;
                    break;
                }
            }
            if (from == null) throw new BadInputException(notFound(r, null));
            collect(r.backend(), from, keys);
        } catch (IOException e) {
            return ctx.record(RegistryWording.cannotRead(r, r.key().shortForm(), e.getMessage()));
        }
        byte[] content = RegFileWriter.export(keys);
        var action = new RegistryChange.Export(out.toString(), keys);
        RegistryChange.Effect effect;
        String error = null;
        try {
            if (out.holds(content)) {
                effect = RegistryChange.Effect.ALREADY;
            } else if (ctx.whatIf()) {
                effect = RegistryChange.Effect.PLANNED;
            } else {
                out.write(content);
                effect = RegistryChange.Effect.DONE;
            }
        } catch (IOException e) {
            effect = RegistryChange.Effect.FAILED;
            error = e.getMessage();
        }
        return ctx.record(RegistryWording.step(new RegistryChange(r, null, action, effect, error)));
    }

    // ---- helpers

    private Where where(String key, RegistryView v) {
        RegistryKeyPath k = RegistryKeyPath.parse(key, ctx::warn);
        if (v == RegistryView.BITS_64 && Wow64Redirection.namesWow64Node(k)) {
            ctx.warn(k.shortForm() + " names the 32-bit view by its physical path, so --view 64 still reaches the 32-bit view");
        }
        RegistryBackend b = ctx.client().registry();
        if (v == RegistryView.BITS_32 && Wow64Redirection.isSharedClasses(k) && !b.redirectsItself()) {
            ctx.warn(k.shortForm() + ": WOW64 redirects only some subkeys of SOFTWARE\\Classes; prestage writes this key "
                    + "unredirected in " + b.describe());
        }
        return new Where(k, v, b, b.locate(k, v));
    }

    /** Applies the edits unless there are none or this is what-if, and records what was decided and done. */
    private Step write(Where r, String name, RegistryChange.Action action, List<RegEdit> edits) {
        RegistryChange.Effect effect;
        String detail = null;
        if (edits.isEmpty()) {
            effect = RegistryChange.Effect.ALREADY;
        } else if (ctx.whatIf()) {
            effect = RegistryChange.Effect.PLANNED;
        } else {
            try {
                r.backend().apply(edits);
                effect = RegistryChange.Effect.DONE;
                detail = r.backend().afterWriteNote().orElse(null);
            } catch (IOException e) {
                effect = RegistryChange.Effect.FAILED;
                detail = e.getMessage();
            }
        }
        return ctx.record(RegistryWording.step(new RegistryChange(r, name, action, effect, detail)));
    }

    /**
     * Writing a product's value in a view its client does not read is the mistake admins make most (PowerShell DSC
     * and Ansible cannot even name the view): say which view the client reads.
     */
    private void warnProfileView(Where r, String name) {
        Profile p = Profile.MEDV;
        if (!name.equalsIgnoreCase(p.registryValue())) return;
        if (!r.key().equals(RegistryKeyPath.parse(p.registryKey(), w -> { }))) return;
        RegistryView wanted = RegistryView.of(p.registryView());
        if (r.view() == wanted || r.backend().bitness() == Bitness.X86) return;
        ctx.warn("the " + p.name() + " client reads " + name + " from the " + wanted.label() + " (on x64: "
                + Wow64Redirection.locate(r.key(), wanted, Bitness.X64).get(0).shortForm() + "); add --view " + wanted.bits()
                + " unless you mean the " + r.view().label());
    }

    /** A value of the same name in the other view is the classic mistake: say so, since the client never reads it. */
    private void warnOtherView(Where r, String name) throws IOException {
        RegistryView other = switch (r.view()) {
            case BITS_32 -> RegistryView.BITS_64;
            case BITS_64 -> RegistryView.BITS_32;
            case NATIVE -> null;
        };
        if (other == null || r.backend().bitness() == Bitness.X86) return;
        for (RegLocation loc : r.backend().locate(r.key(), other)) {
            if (r.locations().stream().anyMatch(l -> l.key().equals(loc.key()) && l.view() == loc.view())) continue;
            Optional<RegValue> v = r.backend().value(loc, name);
            if (v.isPresent()) {
                ctx.warn(RegistryWording.displayName(name) + " is also set in the " + other.label() + " (" + RegistryWording.valuePath(loc, name) + " = "
                        + v.get().describe() + "); programs of that bitness read that one. If it was a mistake: registry delete "
                        + quote(r.key().shortForm()) + " " + quote(name) + " --view " + other.bits());
            }
        }
    }

    private String notFound(Where r, String name) {
        String hint = "";
        List<RegistryView> others = switch (r.view()) {
            case NATIVE -> List.of(RegistryView.BITS_32, RegistryView.BITS_64);
            case BITS_32 -> List.of(RegistryView.BITS_64);
            case BITS_64 -> List.of(RegistryView.BITS_32);
        };
        if (r.backend().bitness() != Bitness.X86) {
            try {
                search:
                for (RegistryView other : others) {
                    for (RegLocation loc : r.backend().locate(r.key(), other)) {
                        boolean there = name == null ? r.backend().exists(loc) : r.backend().value(loc, name).isPresent();
                        if (there && r.locations().stream().noneMatch(l -> l.key().equals(loc.key()) && l.view() == loc.view())) {
                            hint = RegistryWording.existsInOtherView(other, loc);
                            break search;
                        }
                    }
                }
            } catch (IOException e) {
                // the hint is a courtesy; the answer stays "not found"
            }
        }
        return RegistryWording.notFound(r, name, hint);
    }

    private void collect(RegistryBackend b, RegLocation loc, List<RegFileWriter.KeyValues> out) throws IOException {
        out.add(new RegFileWriter.KeyValues(loc.shownAs(), b.values(loc).orElse(List.of())));
        var children = new ArrayList<>(b.subkeys(loc));
        children.sort(Comparator.comparing(c -> c.toUpperCase(Locale.ROOT)));
        for (String child : children) collect(b, loc.child(child), out);
    }

    /** The key at {@code loc} with its values and everything below it, as a delete would remove it. */
    private RegistryChange.KeyTree tree(RegistryBackend b, RegLocation loc) throws IOException {
        var subkeys = new ArrayList<RegistryChange.KeyTree>();
        for (String child : b.subkeys(loc)) subkeys.add(tree(b, loc.child(child)));
        return new RegistryChange.KeyTree(loc, b.values(loc).orElse(List.of()), subkeys);
    }

    /** The key's default value is written {@code @} in .reg files and "" in the API; both are accepted. */
    private static String valueName(String name) {
        if (name == null || name.equals("@")) return "";
        if (name.indexOf('\0') >= 0) throw new BadInputException("the value name contains a NUL character");
        if (name.length() > 16383) throw new BadInputException("the value name is longer than the registry's 16383 characters");
        return name;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static Optional<RegValue> find(List<RegValue> values, String name) {
        return values.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }
}
