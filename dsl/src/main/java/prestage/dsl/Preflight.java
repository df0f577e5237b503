package prestage.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import prestage.core.BadInputException;
import prestage.core.OptionWords;
import prestage.core.verb.Context;
import prestage.core.operations.Operations;
import prestage.core.Progress;
import prestage.core.operations.Verbs;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.msi.MsiProperty;
import prestage.core.outcome.Outcome;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.ValueType;
import prestage.core.security.AclArgument;
import prestage.core.client.open.Clients;

/**
 * Everything about a recipe that can be checked before its first change, checked before it starts:
 * <ul>
 * <li>every parameter it reads without a default is given (unless it asks {@code params.has('x')} first);</li>
 * <li>each verb call whose arguments are known from the text (literals, parameters, {@code medv.} properties and
 *     variables set once from those) gets what that verb accepts: named options it knows, ACL notation that parses,
 *     a registry key, type and value that parse, MSI properties the client knows with values they take, push
 *     sources that exist with names the client accepts.</li>
 * </ul>
 * The verb checks run the verbs' own code under what-if against an empty scratch client, so the preflight and the
 * verb cannot disagree about what is valid. Arguments computed at run time are checked when their verb runs.
 */
final class Preflight {
    private static final Pattern DRIVE_PATH = Pattern.compile("^[A-Za-z]:([\\\\/].*)?$");

    private final List<RecipeFacts> recipes;
    private final Map<String, String> given;
    private Path scratchDir;
    private Verbs scratch;

    private Preflight(List<RecipeFacts> recipes, Map<String, String> given) {
        this.recipes = recipes;
        this.given = given;
    }

    /** @throws RecipeException (file, line N) for the first problem found, as bad input */
    static void check(List<RecipeFacts> recipes, Map<String, String> given) {
        var preflight = new Preflight(recipes, given);
        try {
            preflight.parameters();
            preflight.calls();
        } finally {
            preflight.close();
        }
    }

    /** The values declared parameters take when not given (null: optional, no default). */
    static Map<String, String> defaults(List<RecipeFacts> recipes) {
        var out = new LinkedHashMap<String, String>();
        for (RecipeFacts f : recipes) {
            for (var d : f.declared()) if (!d.required()) out.putIfAbsent(d.name(), d.fallback());
        }
        return out;
    }

    private void parameters() {
        var declared = new LinkedHashSet<String>();
        var read = new LinkedHashSet<String>();
        var tested = new LinkedHashSet<String>();
        recipes.forEach(f -> {
            f.declared().forEach(d -> declared.add(d.name()));
            f.reads().forEach(r -> read.add(r.name()));
            tested.addAll(f.tested());
        });
        if (!declared.isEmpty()) {
            for (String name : given.keySet()) {
                if (!declared.contains(name) && !read.contains(name)) {
                    throw new RecipeException(recipes.get(0).file(), 0, "takes no parameter '" + name + "'; its parameters are "
                            + String.join(", ", declared) + " (see prestage run " + recipes.get(0).file() + " --help)", true, null);
                }
            }
        }
        Map<String, String> defaults = defaults(recipes);
        for (RecipeFacts f : recipes) {
            for (var d : f.declared()) {
                if (d.required() && !given.containsKey(d.name())) throw missing(f.file(), d.line(), d.name());
            }
        }
        for (RecipeFacts f : recipes) {
            for (var r : f.reads().stream().sorted(Comparator.comparingInt(RecipeFacts.Read::line)).toList()) {
                if (r.hasDefault() || given.containsKey(r.name()) || defaults.containsKey(r.name()) || tested.contains(r.name())) continue;
                throw missing(f.file(), r.line(), r.name());
            }
        }
    }

    private static RecipeException missing(String file, int line, String name) {
        return new RecipeException(file, line, "parameter '" + name + "' is required: give -p " + name + "=VALUE", true, null);
    }

    private void calls() {
        var params = new LinkedHashMap<String, String>();
        defaults(recipes).forEach((k, v) -> {
            if (v != null) params.put(k, v);
        });
        params.putAll(given);
        for (RecipeFacts f : recipes) {
            for (var call : f.calls()) {
                try {
                    check(call, params);
                } catch (BadInputException e) {
                    throw new RecipeException(f.file(), call.line(), e.wordedFor(OptionWords.Face.RECIPE), true, e);
                }
            }
        }
    }

    /** The call's names and known values against its verb's form, then what only the verb itself can judge. */
    private void check(RecipeFacts.Call call, Map<String, String> params) {
        VerbForm form = Grammar.form(call.verb()).orElse(null);
        if (form == null) return;
        var known = new LinkedHashMap<String, Object>();
        call.named().forEach((k, v) -> v.value(params).ifPresent(value -> known.put(k, value)));
        form.checkNames(call.named().keySet());
        NamedArgs args = form.read(known);
        var positional = call.positional().stream().map(a -> a.value(params)).toList();
        Optional<Object> acl = at(positional, form.position("acl"));
        Optional<Object> key = at(positional, form.position("key"));
        acl.ifPresent(a -> AclArgument.parse(a.toString()));
        key.ifPresent(k -> RegistryKeyPath.parse(k.toString(), w -> { }));
        boolean allKnown = known.size() == call.named().size();
        switch (call.verb()) {
            case "push" -> push(args, known.containsKey("from")
                    && Stream.of("include", "jobs").allMatch(o -> known.containsKey(o) || !call.named().containsKey(o)));
            case "registry.set" -> {
                if (args.string("type", null) != null) ValueType.parseWritable(args.string("type", null));
                Optional<Object> name = at(positional, form.position("name"));
                Optional<Object> value = at(positional, form.position("value"));
                if (key.isPresent() && name.isPresent() && value.isPresent() && allKnown) {
                    String data = value.get() instanceof List<?> list ? String.join("\0", list.stream().map(String::valueOf).toList()) : value.get().toString();
                    scratch().registrySet(new RegistrySetRequest(key.get().toString(), name.get().toString(), data,
                            args.string("type", null), args.integer("view")));
                }
            }
            case "msi" -> msi(call, args, at(positional, form.position("package")));
            default -> { }
        }
    }

    /** Local sources are checked with push's own rules; those on the client (C:\...) depend on the client. */
    private void push(NamedArgs args, boolean sourcesKnown) {
        if (!sourcesKnown) return;
        Integer jobs = args.integer("jobs");
        var options = new PushOptions(args.strings("include"), jobs == null ? 0 : jobs, false);
        List<String> local = args.strings("from").stream().filter(s -> !DRIVE_PATH.matcher(s).matches()).toList();
        if (local.isEmpty()) return;
        scratch().push(new PushRequest(local, "C:\\preflight\\PrestagedImages", options));
    }

    /** The properties' names and values as the verb checks them; run: is the real client's to judge, the scratch one never runs. */
    private void msi(RecipeFacts.Call call, NamedArgs args, Optional<Object> pkg) {
        var properties = new LinkedHashMap<>(args.properties());
        for (var e : call.named().entrySet()) {
            String name = e.getKey();
            // a value computed at run time: the name alone can still be wrong
            if (!Grammar.MSI.options().containsKey(name) && !properties.containsKey(name) && MsiProperty.named(name).isEmpty()
                    && !args.on("force")) {
                properties.put(name, "");
            }
        }
        String packagePath = pkg.map(Object::toString).orElse("preflight.msi");
        scratch().msi(new MsiRequest(packagePath, properties, false, args.string("log", null), args.on("force"), false, Optional.empty()));
    }

    private static Optional<Object> at(List<Optional<Object>> positional, int index) {
        return index >= 0 && index < positional.size() ? positional.get(index) : Optional.empty();
    }

    /** The verbs under what-if on an empty folder client: they check their arguments and change nothing. */
    private Verbs scratch() {
        if (scratch == null) {
            try {
                scratchDir = Files.createTempDirectory("prestage-preflight-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot make a scratch folder for the preflight: " + e.getMessage(), e);
            }
            scratch = new Operations(new Context(Clients.open(scratchDir.toString(), null), new Outcome(true), Progress.NONE));
        }
        return scratch;
    }

    private void close() {
        if (scratchDir == null) return;
        try (Stream<Path> files = Files.walk(scratchDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a scratch folder left in the temporary directory harms nothing
        }
    }
}
