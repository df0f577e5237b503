package prestage.core.operations;


import java.util.Optional;

import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.verb.acl.AclVerb;
import prestage.core.images.PushRequest;
import prestage.core.images.PushVerb;
import prestage.core.images.VerifyRequest;
import prestage.core.images.VerifyVerb;
import prestage.core.msi.MsiCommand;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.msi.MsiVerb;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.verb.registry.RegistryVerb;
import prestage.core.registry.RegValue;
import prestage.core.verb.Context;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;
import prestage.core.verb.store.StoreVerb;

/**
 * The real verbs, each handed to the class that knows its subject. Holds nothing but the run's context: what one
 * verb tells another (the store a recipe prepared, for msi) travels in the request.
 */
public final class Operations implements Verbs {
    private final Context ctx;

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
    public Verbs onTarget(String target, String registry, prestage.core.client.Logon logon) {
        var settings = ctx.settings().withLogon(logon.over(ctx.settings().logon()));
        return new Operations(ctx.on(prestage.core.client.open.Clients.open(target, registry, settings)));
    }

    @Override
    public Store store(StoreRequest request) {
        return new StoreVerb(ctx, Profile.MEDV).store(request);
    }

    @Override
    public Step aclApply(AclApplyRequest request) {
        return new AclVerb(ctx).apply(request);
    }

    @Override
    public String aclShow(AclShowRequest request) {
        return new AclVerb(ctx).show(request);
    }

    @Override
    public Step aclDiff(AclDiffRequest request) {
        return new AclVerb(ctx).diff(request);
    }

    @Override
    public Step push(PushRequest request) {
        Step step = new PushVerb(ctx).push(request);
        // after a failed push (a cut or stalled connection, most often) there is nothing to warn about, and nothing to ask
        if (step.status() != prestage.core.outcome.Status.FAILED) warnIfMedvInstalled();
        return step;
    }

    private boolean medvChecked;

    /** Once per run: where MED-V is installed, a pushed image will not serve an update (a warning, --json carries it). */
    private synchronized void warnIfMedvInstalled() {
        if (medvChecked) return;
        medvChecked = true;
        prestage.core.verb.msi.MedvInstalled.warnIfInstalled(ctx);
    }

    @Override
    public Step verify(VerifyRequest request) {
        return new VerifyVerb(ctx).verify(request);
    }

    @Override
    public String registryGet(RegistryGetRequest request) {
        return new RegistryVerb(ctx).get(request);
    }

    @Override
    public Optional<RegValue> registryValue(RegistryGetRequest request) {
        return new RegistryVerb(ctx).read(request);
    }

    @Override
    public Step registrySet(RegistrySetRequest request) {
        return new RegistryVerb(ctx).set(request);
    }

    @Override
    public Step registryDelete(RegistryDeleteRequest request) {
        return new RegistryVerb(ctx).delete(request);
    }

    @Override
    public Step registryExport(RegistryExportRequest request) {
        return new RegistryVerb(ctx).export(request);
    }

    @Override
    public MsiCommand msi(MsiRequest request) {
        return new MsiVerb(ctx).build(request);
    }

    @Override
    public Step status(StatusRequest request) {
        Step step = new StatusVerb(ctx, this, Profile.MEDV).status(request);
        warnIfMedvInstalled();
        return step;
    }
}
