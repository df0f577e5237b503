package prestage.core.verbs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import prestage.core.images.PushOptions;
import prestage.core.images.PushVerb;
import prestage.core.images.VerifyVerb;
import prestage.core.msi.MsiCommand;
import prestage.core.msi.MsiVerb;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.registry.RegValue;
import prestage.core.reg.RegistryVerb;
import prestage.core.run.Context;
import prestage.core.acl.AclVerb;
import prestage.core.store.Store;
import prestage.core.store.StoreVerb;

/** The real verbs, each handed to the class that knows its subject. */
public final class Operations implements Verbs {
    private final Context ctx;
    private volatile Store lastStore;

    public Operations(Context ctx) {
        this.ctx = ctx;
    }

    public Context context() {
        return ctx;
    }

    @Override
    public Verbs onTarget(String target, String registry) {
        return new Operations(ctx.on(prestage.core.client.open.Clients.open(target, registry, ctx.settings())));
    }

    @Override
    public Store store(String root) {
        Store store = new StoreVerb(ctx, Profile.MEDV).store(root);
        lastStore = store;
        return store;
    }

    @Override
    public Step aclApply(String path, String acl, Boolean protect) {
        return new AclVerb(ctx).apply(path, acl, protect);
    }

    @Override
    public Step aclApply(String path, String acl, Boolean protect, boolean force) {
        return new AclVerb(ctx).apply(path, acl, protect, force);
    }

    @Override
    public String aclShow(String path, String format) {
        return new AclVerb(ctx).show(path, format);
    }

    @Override
    public Step aclDiff(String path, String acl) {
        return new AclVerb(ctx).diff(path, acl);
    }

    @Override
    public Step push(List<String> sources, String to, PushOptions options) {
        return new PushVerb(ctx).push(sources, to, options);
    }

    @Override
    public Step verify(String dir, boolean readOnly) {
        return new VerifyVerb(ctx).verify(dir, readOnly);
    }

    @Override
    public String registryGet(String key, String name, Integer view) {
        return new RegistryVerb(ctx).get(key, name, view);
    }

    @Override
    public Optional<RegValue> registryValue(String key, String name, Integer view) {
        return new RegistryVerb(ctx).read(key, name, view);
    }

    @Override
    public Step registrySet(String key, String name, String value, String type, Integer view) {
        return new RegistryVerb(ctx).set(key, name, value, type, view);
    }

    @Override
    public Step registryDelete(String key, String name, Integer view) {
        return new RegistryVerb(ctx).delete(key, name, view);
    }

    @Override
    public Step registryExport(String key, String file, Integer view) {
        return new RegistryVerb(ctx).export(key, file, view);
    }

    @Override
    public MsiCommand msi(String packagePath, Map<String, String> properties, boolean quiet, String log, boolean force, boolean run) {
        return new MsiVerb(ctx).build(packagePath, properties, quiet, log, force, run,
                Optional.ofNullable(lastStore).map(Store::root));
    }

    @Override
    public Step status(String root, String msiPackage) {
        return new StatusVerb(ctx, this, Profile.MEDV).status(root, msiPackage);
    }
}
