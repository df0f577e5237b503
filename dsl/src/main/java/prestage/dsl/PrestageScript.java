package prestage.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.Script;
import prestage.core.BadInputException;
import prestage.core.operations.Verbs;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.msi.MsiCommand;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;
import prestage.core.operations.StatusRequest;

/**
 * The base class of every recipe: the verbs read like the documented steps.
 * <pre>
 * def s = store 'C:\\'
 * acl s.root, medv.acl, protect: true
 * push from: params.source, to: s.prestaged
 * verify s.prestaged, readOnly: true
 * registry.set medv.registryKey, medv.registryValue, s.prestaged, view: 32
 * println msi('MED-V_1.0.65.msi', VMSFOLDER: s.root, START_MEDV: 0)
 * </pre>
 * Effects go through {@link Verbs}, so a recipe runs against a recording fake as easily as a client.
 */
public abstract class PrestageScript extends Script {
    static final String VERBS = "__prestage_verbs";
    static final String PARAMS = "__prestage_params";
    static final String WHAT_IF = "__prestage_whatIf";
    static final String INCLUDES = "__prestage_includes";
    /** The store folder a {@code store} of this run prepared: msi checks that VMSFOLDER names it. */
    static final String PREPARED_STORE = "__prestage_preparedStore";

    protected PrestageScript() {
    }

    protected PrestageScript(Binding binding) {
        super(binding);
    }

    /** Puts what the verbs need into a binding, for the runner and the console. */
    public static void prepare(Binding binding, Verbs verbs, Params params, boolean whatIf) {
        binding.setVariable(VERBS, StopAtFirstFailure.wrap(verbs)); // a client's run stops at its first failed step
        binding.setVariable(PARAMS, params);
        binding.setVariable(WHAT_IF, whatIf);
        binding.setVariable(PREPARED_STORE, null); // a new run has prepared nothing yet
    }

    private Verbs verbs() {
        return (Verbs) getBinding().getVariable(VERBS);
    }

    public Params getParams() {
        return (Params) getBinding().getVariable(PARAMS);
    }

    public boolean isWhatIf() {
        return Boolean.TRUE.equals(getBinding().getVariable(WHAT_IF));
    }

    /** The built-in MED-V profile: {@code medv.acl}, {@code medv.registryKey}, {@code medv.includes} ... */
    public Profile getMedv() {
        return Profile.MEDV;
    }

    /**
     * Runs {@code body} against another client: {@code client('/mnt/c') { store 'C:\\' ... }}.
     * {@code registry:} names a hive or .reg file when the target does not say; {@code credentials:}, {@code auth:},
     * {@code keytab:}, {@code principal:} say how to log on to a machine on the network (as the options of those names).
     */
    public Object client(Object target, Closure<?> body) {
        return client(Map.of(), target, body);
    }

    public Object client(Map<String, Object> options, Object target, Closure<?> body) {
        NamedArgs args = Grammar.CLIENT.read(options);
        String registry = args.string("registry", null);
        var logon = new prestage.core.client.Logon(prestage.core.client.Logon.Auth.parse(args.string("auth", null), "client auth:"),
                args.string("credentials", null), args.string("keytab", null), args.string("principal", null));
        Verbs previous = verbs();
        Object preparedBefore = preparedStore().orElse(null);
        getBinding().setVariable(VERBS, logon.isEmpty() ? previous.onTarget(str(target), registry) : previous.onTarget(str(target), registry, logon));
        getBinding().setVariable(PREPARED_STORE, null); // another client's store is not this one's
        try {
            return body.call();
        } finally {
            getBinding().setVariable(VERBS, previous);
            getBinding().setVariable(PREPARED_STORE, preparedBefore);
        }
    }

    // ---- declarations and reuse

    /** {@code description 'one line'}: read from the syntax tree before the recipe runs; nothing to do here. */
    public void description(Object text) {
    }

    /** {@code param 'name', 'what it is', default: 'x', required: false}: read before the recipe runs, like description. */
    public void param(Object name) {
    }

    public void param(Object name, Object description) {
    }

    public void param(Map<String, Object> options, Object name) {
    }

    public void param(Map<String, Object> options, Object name, Object description) {
    }

    /**
     * {@code include 'common.groovy'}: runs another recipe once (relative to this one's folder, else found on the
     * recipe search path) in the same binding; its methods can then be called from here. Returns that recipe.
     */
    public Object include(Object path) {
        return includes().include(this, str(path));
    }

    /** A method not defined here may be one an included recipe defines. */
    public Object methodMissing(String name, Object args) {
        Object[] arguments = args instanceof Object[] a ? a : new Object[]{args};
        var includes = getBinding().hasVariable(INCLUDES) ? includes() : null;
        if (includes != null) {
            for (Script s : includes.loaded()) {
                if (s != this && !s.getMetaClass().respondsTo(s, name, arguments).isEmpty()) return s.invokeMethod(name, arguments);
            }
        }
        throw new groovy.lang.MissingMethodException(name, getClass(), arguments);
    }

    private Includes includes() {
        if (!getBinding().hasVariable(INCLUDES)) {
            throw new BadInputException("include works in recipes run with prestage run, not here");
        }
        return (Includes) getBinding().getVariable(INCLUDES);
    }

    // ---- store

    public Store store(Object root) {
        Store store = verbs().store(new StoreRequest(str(root)));
        getBinding().setVariable(PREPARED_STORE, store.root());
        return store;
    }

    private Optional<String> preparedStore() {
        return getBinding().hasVariable(PREPARED_STORE)
                ? Optional.ofNullable((String) getBinding().getVariable(PREPARED_STORE)) : Optional.empty();
    }

    // ---- acl

    public Step acl(Object path, Object acl) {
        return getAcl().apply(path, acl);
    }

    public Step acl(Map<String, Object> options, Object path, Object acl) {
        return getAcl().apply(Grammar.ACL, options, path, acl);
    }

    public AclVerbs getAcl() {
        return new AclVerbs(verbs());
    }

    // ---- push and verify

    /** {@code push from: DIR_OR_LIST, to: DIR, include: ['*.ckm'], jobs: 2, force: false}. */
    public Step push(Map<String, Object> options) {
        var args = Grammar.PUSH.read(options);
        Integer jobs = args.integer("jobs");
        return verbs().push(new PushRequest(args.strings("from"), args.string("to", null),
                new PushOptions(args.strings("include"), jobs == null ? 0 : jobs, args.on("force"))));
    }

    public Step verify(Object dir) {
        return verify(Map.of(), dir);
    }

    public Step verify(Map<String, Object> options, Object dir) {
        return verbs().verify(new VerifyRequest(str(dir), Grammar.VERIFY.read(options).on("readOnly")));
    }

    // ---- registry

    public RegistryVerbs getRegistry() {
        return new RegistryVerbs(verbs());
    }

    // ---- msi

    public MsiCommand msi(Object packagePath) {
        return msi(Map.of(), packagePath);
    }

    /** Upper-case names are MSI properties; the switches are {@link Grammar#MSI}'s. */
    public MsiCommand msi(Map<String, Object> options, Object packagePath) {
        var args = Grammar.MSI.read(options);
        var properties = new LinkedHashMap<>(args.properties());
        return verbs().msi(new MsiRequest(str(packagePath), properties, args.on("quiet"), args.string("log", null),
                args.on("force"), args.on("run"), preparedStore()));
    }

    // ---- status

    public Step status(Object root) {
        return verbs().status(new StatusRequest(str(root)));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
