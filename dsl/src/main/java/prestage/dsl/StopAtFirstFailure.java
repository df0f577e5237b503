package prestage.dsl;

import java.util.Optional;

import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.msi.MsiCommand;
import prestage.core.operations.StatusRequest;
import prestage.core.operations.Verbs;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.registry.RegValue;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;

/**
 * A recipe's verbs, stopping the recipe at the first step that failed, as Ansible stops a host at its first failed
 * task: once push has failed, {@code registry.set} must not point the client at images that are not there, nor
 * {@code msi} install a client that would look for them. A verb that changes the client and reports a failed step
 * throws {@link StepFailed}; the runner names the steps that were skipped. Looks ({@code status}, {@code acl.diff},
 * {@code acl.show}, {@code registry.get}) report and go on: a drift or a failed check is what they are asked for.
 */
final class StopAtFirstFailure implements Verbs {
    private final Verbs verbs;

    private StopAtFirstFailure(Verbs verbs) {
        this.verbs = verbs;
    }

    static Verbs wrap(Verbs verbs) {
        return verbs instanceof StopAtFirstFailure ? verbs : new StopAtFirstFailure(verbs);
    }

    /** A changing step failed: the recipe stops here (it is already recorded, with its message). */
    static final class StepFailed extends RuntimeException {
        private final transient Step step;

        StepFailed(Step step) {
            super(step.verb() + " failed: " + step.message());
            this.step = step;
        }

        Step step() {
            return step;
        }
    }

    private static Step checked(Step s) {
        if (s != null && s.status() == Status.FAILED) throw new StepFailed(s);
        return s;
    }

    @Override
    public Verbs onTarget(String target, String registry) {
        return wrap(verbs.onTarget(target, registry));
    }

    @Override
    public Verbs onTarget(String target, String registry, prestage.core.client.Logon logon) {
        return wrap(verbs.onTarget(target, registry, logon)); // every method of Verbs is passed on, defaults too
    }

    @Override
    public Store store(StoreRequest request) {
        return verbs.store(request);
    }

    @Override
    public Step aclApply(AclApplyRequest request) {
        return checked(verbs.aclApply(request));
    }

    @Override
    public String aclShow(AclShowRequest request) {
        return verbs.aclShow(request);
    }

    @Override
    public Step aclDiff(AclDiffRequest request) {
        return verbs.aclDiff(request);
    }

    @Override
    public Step push(PushRequest request) {
        return checked(verbs.push(request));
    }

    @Override
    public Step verify(VerifyRequest request) {
        return checked(verbs.verify(request));
    }

    @Override
    public String registryGet(RegistryGetRequest request) {
        return verbs.registryGet(request);
    }

    @Override
    public Optional<RegValue> registryValue(RegistryGetRequest request) {
        return verbs.registryValue(request);
    }

    @Override
    public Step registrySet(RegistrySetRequest request) {
        return checked(verbs.registrySet(request));
    }

    @Override
    public Step registryDelete(RegistryDeleteRequest request) {
        return checked(verbs.registryDelete(request));
    }

    @Override
    public Step registryExport(RegistryExportRequest request) {
        return checked(verbs.registryExport(request));
    }

    @Override
    public MsiCommand msi(MsiRequest request) {
        return verbs.msi(request);
    }

    @Override
    public Step status(StatusRequest request) {
        return verbs.status(request);
    }
}
