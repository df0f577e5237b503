package prestage.core.reg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.run.Context;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegFileWriter;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;
import prestage.core.registry.ValueText;
import prestage.core.registry.ValueType;
import prestage.core.registry.Wow64Redirection;

/**
 * The {@code registry} verb: get, set, delete, export. It reads the current state, computes the change (a diff of
 * old and new values, per physical place), records it, and writes only when not under what-if. A second run finds
 * nothing to change and reports ok.
 */
public final class RegistryVerb {
    private static final String VERB = "registry";
    private static final int MAX_DIFF_LINES = 40;
    private final Context ctx;

    public RegistryVerb(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * The value (or, with a null name, every value and subkey of the key) as {@code reg query} prints it, under the
     * key's physical path. A missing key or value is a {@link BadInputException} that says where prestage looked.
     */
    public String get(RegistryGetRequest request) {
        Request r = request(request.key(), request.registryView());
        String name = request.name();
        String n = name == null ? null : valueName(name);
        try {
            for (RegLocation loc : r.locations) {
                Optional<List<RegValue>> values = r.backend.values(loc);
                if (values.isEmpty()) continue;
                if (n == null) return queryText(loc, values.get(), r.backend.subkeys(loc));
                Optional<RegValue> v = find(values.get(), n);
                if (v.isPresent()) return queryText(loc, List.of(v.get()), List.of());
            }
            throw new BadInputException(notFound(r, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + r.backend.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The value as stored, or empty when the key or value does not exist: for other verbs (status) and recipes. */
    public Optional<RegValue> read(RegistryGetRequest request) {
        Request r = request(request.key(), request.registryView());
        String n = valueName(request.name());
        try {
            for (RegLocation loc : r.locations) {
                Optional<RegValue> v = r.backend.value(loc, n);
                if (v.isPresent()) return v;
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + r.backend.describe() + ": " + e.getMessage(), e);
        }
    }

    public Step set(RegistrySetRequest request) {
        Request r = request(request.key(), request.registryView());
        String n = valueName(request.name());
        RegValue desired = ValueText.parse(n, request.valueType(), request.value());
        warnProfileView(r, n);
        String subject = subject(r.key, n);
        var diff = new ArrayList<String>();
        var edits = new ArrayList<RegEdit>();
        var old = new ArrayList<String>();
        try {
            for (RegLocation loc : r.locations) {
                Optional<List<RegValue>> values = r.backend.values(loc);
                Optional<RegValue> current = values.flatMap(vs -> find(vs, n));
                if (current.isPresent() && current.get().type() == desired.type()
                        && Arrays.equals(current.get().data(), desired.data())) continue;
                if (values.isEmpty()) diff.add("+ [" + loc.describe() + "]");
                current.ifPresent(c -> {
                    diff.add("- " + valuePath(loc, n) + " = " + c.describe());
                    old.add(c.describe());
                });
                diff.add("+ " + valuePath(loc, n) + " = " + desired.describe());
                edits.add(new RegEdit.SetValue(loc, desired));
            }
            warnOtherView(r, n);
        } catch (IOException e) {
            return ctx.record(Step.failed(VERB, subject, "cannot read " + r.backend.describe() + ": " + e.getMessage()));
        }
        var data = data(r, n);
        data.put("type", desired.typeName());
        data.put("value", desired.displayData());
        if (!old.isEmpty()) data.put("old", old);
        String where = " in " + places(r) + " of " + r.backend.describe();
        if (edits.isEmpty()) {
            return ctx.record(new Step(VERB, subject, Status.OK, "already " + desired.describe() + where, List.of(), data));
        }
        return write(r, subject, edits, diff, data, "set " + desired.typeName() + where);
    }

    public Step delete(RegistryDeleteRequest request) {
        String key = request.key();
        String name = request.name();
        Request r = request(key, request.registryView());
        String n = name == null ? null : valueName(name);
        if (n == null && r.key.isRoot()) {
            throw new BadInputException("registry delete " + key + ": a root key cannot be deleted; name a key below it");
        }
        String subject = n == null ? r.key.shortForm() : subject(r.key, n);
        var diff = new ArrayList<String>();
        var edits = new ArrayList<RegEdit>();
        try {
            for (RegLocation loc : r.locations) {
                if (n == null) {
                    if (r.backend.isKeyAbsent(loc)) continue;
                    describeTree(r.backend, loc, diff);
                    edits.add(new RegEdit.DeleteKey(loc));
                } else {
                    if (r.backend.isValueAbsent(loc, n)) continue;
                    Optional<RegValue> current = r.backend.value(loc, n);
                    diff.add("- " + valuePath(loc, n) + current.map(c -> " = " + c.describe()).orElse(""));
                    edits.add(new RegEdit.DeleteValue(loc, n));
                }
            }
        } catch (IOException e) {
            return ctx.record(Step.failed(VERB, subject, "cannot read " + r.backend.describe() + ": " + e.getMessage()));
        }
        var data = data(r, n);
        String what = n == null ? "key" : "value";
        String where = " in " + places(r) + " of " + r.backend.describe();
        if (edits.isEmpty()) {
            return ctx.record(new Step(VERB, subject, Status.OK, what + " already absent" + where, List.of(), data));
        }
        return write(r, subject, edits, cap(diff), data, "delete " + what + where);
    }

    /** Writes the key and everything below it as regedit would export it, under the physical key names. */
    public Step export(RegistryExportRequest request) {
        Request r = request(request.key(), request.registryView());
        ExportFile out = ExportFile.of(ctx.client(), request.file());
        String subject = r.key.shortForm();
        var keys = new ArrayList<RegFileWriter.KeyValues>();
        try {
            RegLocation from = null;
            for (RegLocation loc : r.locations) {
                if (r.backend.exists(loc)) {
                    from = loc;
                    break;
                }
            }
            if (from == null) throw new BadInputException(notFound(r, null));
            collect(r.backend, from, keys);
        } catch (IOException e) {
            return ctx.record(Step.failed(VERB, subject, "cannot read " + r.backend.describe() + ": " + e.getMessage()));
        }
        byte[] content = RegFileWriter.export(keys);
        int valueCount = keys.stream().mapToInt(k -> k.values().size()).sum();
        var data = data(r, null);
        data.put("file", out.toString());
        data.put("keys", keys.size());
        data.put("values", valueCount);
        String what = keys.size() + " key(s) and " + valueCount + " value(s) to " + out;
        try {
            if (out.holds(content)) {
                return ctx.record(new Step(VERB, subject, Status.OK, "already exported: " + what, List.of(), data));
            }
            var diff = new ArrayList<String>();
            keys.forEach(k -> diff.add("+ [" + k.key() + "]"));
            if (ctx.whatIf()) return ctx.record(new Step(VERB, subject, Status.CHANGED, "would export " + what, cap(diff), data));
            out.write(content);
            return ctx.record(new Step(VERB, subject, Status.CHANGED, "exported " + what, cap(diff), data));
        } catch (IOException e) {
            return ctx.record(Step.failed(VERB, subject, "cannot write " + out + ": " + e.getMessage()));
        }
    }

    // ---- helpers

    private record Request(RegistryKeyPath key, RegistryView view, RegistryBackend backend, List<RegLocation> locations) { }

    private Request request(String key, RegistryView v) {
        RegistryKeyPath k = RegistryKeyPath.parse(key, ctx::warn);
        if (v == RegistryView.BITS_64 && Wow64Redirection.namesWow64Node(k)) {
            ctx.warn(k.shortForm() + " names the 32-bit view by its physical path, so --view 64 still reaches the 32-bit view");
        }
        RegistryBackend b = ctx.client().registry();
        if (v == RegistryView.BITS_32 && Wow64Redirection.isSharedClasses(k) && !b.redirectsItself()) {
            ctx.warn(k.shortForm() + ": WOW64 redirects only some subkeys of SOFTWARE\\Classes; prestage writes this key "
                    + "unredirected in " + b.describe());
        }
        return new Request(k, v, b, b.locate(k, v));
    }

    private Step write(Request r, String subject, List<RegEdit> edits, List<String> diff, Map<String, Object> data, String action) {
        if (ctx.whatIf()) return ctx.record(new Step(VERB, subject, Status.CHANGED, "would " + action, diff, data));
        try {
            r.backend.apply(edits);
        } catch (IOException e) {
            return ctx.record(new Step(VERB, subject, Status.FAILED, "cannot " + action + ": " + e.getMessage(), diff, data));
        }
        String note = r.backend.afterWriteNote().map(s -> "; " + s).orElse("");
        return ctx.record(new Step(VERB, subject, Status.CHANGED, past(action) + note, diff, data));
    }

    private static String past(String action) {
        return action.startsWith("set ") ? action : "deleted " + action.substring("delete ".length());
    }

    /**
     * Writing a product's value in a view its client does not read is the mistake admins make most (PowerShell DSC
     * and Ansible cannot even name the view): say which view the client reads.
     */
    private void warnProfileView(Request r, String name) {
        Profile p = Profile.MEDV;
        if (!name.equalsIgnoreCase(p.registryValue())) return;
        if (!r.key.equals(RegistryKeyPath.parse(p.registryKey(), w -> { }))) return;
        RegistryView wanted = RegistryView.of(p.registryView());
        if (r.view == wanted || r.backend.bitness() == Bitness.X86) return;
        ctx.warn("the " + p.name() + " client reads " + name + " from the " + wanted.label() + " (on x64: "
                + Wow64Redirection.locate(r.key, wanted, Bitness.X64).get(0).shortForm() + "); add --view " + wanted.bits()
                + " unless you mean the " + r.view.label());
    }

    /** A value of the same name in the other view is the classic mistake: say so, since the client never reads it. */
    private void warnOtherView(Request r, String name) throws IOException {
        RegistryView other = switch (r.view) {
            case BITS_32 -> RegistryView.BITS_64;
            case BITS_64 -> RegistryView.BITS_32;
            case NATIVE -> null;
        };
        if (other == null || r.backend.bitness() == Bitness.X86) return;
        for (RegLocation loc : r.backend.locate(r.key, other)) {
            if (r.locations.stream().anyMatch(l -> l.key().equals(loc.key()) && l.view() == loc.view())) continue;
            Optional<RegValue> v = r.backend.value(loc, name);
            if (v.isPresent()) {
                ctx.warn(displayName(name) + " is also set in the " + other.label() + " (" + valuePath(loc, name) + " = "
                        + v.get().describe() + "); programs of that bitness read that one. If it was a mistake: registry delete "
                        + quote(r.key.shortForm()) + " " + quote(name) + " --view " + other.bits());
            }
        }
    }

    private String notFound(Request r, String name) {
        String what = name == null ? "no key " + r.key.shortForm() : "no value " + displayName(name) + " under " + r.key.shortForm();
        String hint = "";
        List<RegistryView> others = switch (r.view) {
            case NATIVE -> List.of(RegistryView.BITS_32, RegistryView.BITS_64);
            case BITS_32 -> List.of(RegistryView.BITS_64);
            case BITS_64 -> List.of(RegistryView.BITS_32);
        };
        if (r.backend.bitness() != Bitness.X86) {
            try {
                search:
                for (RegistryView other : others) {
                    for (RegLocation loc : r.backend.locate(r.key, other)) {
                        boolean there = name == null ? r.backend.exists(loc) : r.backend.value(loc, name).isPresent();
                        if (there && r.locations.stream().noneMatch(l -> l.key().equals(loc.key()) && l.view() == loc.view())) {
                            hint = "; it exists in the " + other.label() + " (" + loc.describe() + "): add --view " + other.bits();
                            break search;
                        }
                    }
                }
            } catch (IOException e) {
                // the hint is a courtesy; the answer stays "not found"
            }
        }
        return what + " in " + r.backend.describe() + " (looked in " + places(r) + ")" + hint;
    }

    private void collect(RegistryBackend b, RegLocation loc, List<RegFileWriter.KeyValues> out) throws IOException {
        out.add(new RegFileWriter.KeyValues(loc.shownAs(), b.values(loc).orElse(List.of())));
        var children = new ArrayList<>(b.subkeys(loc));
        children.sort(Comparator.comparing(c -> c.toUpperCase(Locale.ROOT)));
        for (String child : children) collect(b, loc.child(child), out);
    }

    private void describeTree(RegistryBackend b, RegLocation loc, List<String> diff) throws IOException {
        diff.add("- [" + loc.describe() + "]");
        for (RegValue v : b.values(loc).orElse(List.of())) diff.add("-   " + displayName(v.name()) + " = " + v.describe());
        for (String child : b.subkeys(loc)) describeTree(b, loc.child(child), diff);
    }

    private static List<String> cap(List<String> diff) {
        if (diff.size() <= MAX_DIFF_LINES) return diff;
        var out = new ArrayList<>(diff.subList(0, MAX_DIFF_LINES));
        out.add("~ ... and " + (diff.size() - MAX_DIFF_LINES) + " more line(s)");
        return out;
    }

    private static String queryText(RegLocation loc, List<RegValue> values, List<String> subkeys) {
        var sb = new StringBuilder(loc.shownAs().toString());
        for (RegValue v : values) {
            sb.append(System.lineSeparator()).append("    ").append(displayName(v.name())).append("    ")
                    .append(v.typeName()).append("    ").append(v.displayData());
        }
        if (!subkeys.isEmpty()) sb.append(System.lineSeparator());
        for (String s : subkeys) sb.append(System.lineSeparator()).append(loc.shownAs().child(s));
        return sb.toString();
    }

    private Map<String, Object> data(Request r, String name) {
        var data = new LinkedHashMap<String, Object>();
        data.put("key", r.key.shortForm());
        if (name != null) data.put("name", name);
        if (r.view.bits() != null) data.put("view", r.view.bits());
        data.put("locations", r.locations.stream().map(RegLocation::describe).toList());
        data.put("registry", r.backend.describe());
        return data;
    }

    /** {@code HKLM\SOFTWARE\WOW6432Node\Kidaro (32-bit view)} or, with two places, both joined by "and". */
    private static String places(Request r) {
        var names = r.locations.stream().map(RegLocation::describe).toList();
        String joined = String.join(" and ", names);
        if (r.locations.size() > 1) return joined + " (the " + r.view.label() + " on x64 and on x86 clients)";
        boolean physical = r.locations.get(0).view() == RegistryView.NATIVE;
        return physical && r.view != RegistryView.NATIVE ? joined + " (" + r.view.label() + ")" : joined;
    }

    private static String valuePath(RegLocation loc, String name) {
        if (loc.view() == RegistryView.NATIVE) return loc.shownAs().shortForm() + "\\" + displayName(name);
        return loc.key().shortForm() + "\\" + displayName(name) + " (" + loc.view().label() + ")";
    }

    private static String subject(RegistryKeyPath key, String name) {
        return key.shortForm() + "\\" + displayName(name);
    }

    /** The key's default value is written {@code @} in .reg files and "" in the API; both are accepted. */
    private static String valueName(String name) {
        if (name == null || name.equals("@")) return "";
        if (name.indexOf('\0') >= 0) throw new BadInputException("the value name contains a NUL character");
        if (name.length() > 16383) throw new BadInputException("the value name is longer than the registry's 16383 characters");
        return name;
    }

    private static String displayName(String name) {
        return name.isEmpty() ? "(Default)" : name;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static Optional<RegValue> find(List<RegValue> values, String name) {
        return values.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }
}
