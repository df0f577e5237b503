package prestage.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.msi.MsiCommand;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.outcome.Step;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryExportRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;
import prestage.core.operations.StatusRequest;
import prestage.core.operations.Verbs;

/** Verbs that only write down how they were called, so a recipe can be tested without a client. */
final class RecordingVerbs implements Verbs {
    final List<String> calls = new ArrayList<>();
    private final String target;

    RecordingVerbs() {
        this("default");
    }

    private RecordingVerbs(String target) {
        this.target = target;
        this.msiRequests = new ArrayList<>();
    }

    private RecordingVerbs(RecordingVerbs parent, String target) {
        this.target = target;
        this.sharedCalls = parent.calls;
        this.msiRequests = parent.msiRequests;
    }

    private List<String> sharedCalls;

    private Step record(String call) {
        (sharedCalls != null ? sharedCalls : calls).add("[" + target + "] " + call);
        return Step.ok(call.split(" ")[0], "", call);
    }

    @Override
    public Verbs onTarget(String t, String registry) {
        record("onTarget " + t + " " + registry);
        return new RecordingVerbs(this, t);
    }

    @Override
    public Store store(StoreRequest r) {
        record("store " + r.root());
        String root = r.root();
        String rootFolder = root.endsWith("\\") ? root + "MED-V Images" : root + "\\MED-V Images";
        return new Store(rootFolder, rootFolder + "\\PrestagedImages", Step.ok("store", rootFolder, ""));
    }

    @Override
    public Step aclApply(AclApplyRequest r) {
        return record("acl " + r.path() + " " + r.acl() + " protect=" + r.protect() + (r.force() ? " force" : ""));
    }

    @Override
    public String aclShow(AclShowRequest r) {
        record("aclShow " + r.path() + " " + r.format());
        return "D:P";
    }

    @Override
    public Step aclDiff(AclDiffRequest r) {
        return record("aclDiff " + r.path() + " " + r.acl());
    }

    @Override
    public Step push(PushRequest r) {
        PushOptions options = r.options();
        return record("push " + r.sources() + " -> " + r.to() + " include=" + options.includes() + " jobs=" + options.jobs() + " force=" + options.force());
    }

    @Override
    public Step verify(VerifyRequest r) {
        return record("verify " + r.dir() + " readOnly=" + r.readOnly());
    }

    @Override
    public String registryGet(RegistryGetRequest r) {
        record("registryGet " + r.key() + " " + r.name() + " view=" + r.view());
        return "value";
    }

    @Override
    public java.util.Optional<prestage.core.registry.RegValue> registryValue(RegistryGetRequest r) {
        record("registryValue " + r.key() + " " + r.name() + " view=" + r.view());
        return java.util.Optional.empty();
    }

    @Override
    public Step registrySet(RegistrySetRequest r) {
        return record("registrySet " + r.key() + " " + r.name() + "=" + r.value().replace('\0', '|') + " type=" + r.type() + " view=" + r.view());
    }

    @Override
    public Step registryDelete(RegistryDeleteRequest r) {
        return record("registryDelete " + r.key() + " " + r.name() + " view=" + r.view());
    }

    @Override
    public Step registryExport(RegistryExportRequest r) {
        return record("registryExport " + r.key() + " " + r.file() + " view=" + r.view());
    }

    /** Every msi request as it came, for what {@link #calls} does not show (the store a recipe prepared). */
    final List<MsiRequest> msiRequests;

    @Override
    public MsiCommand msi(MsiRequest r) {
        msiRequests.add(r);
        record("msi " + r.packagePath() + " " + r.properties() + " quiet=" + r.quiet() + " log=" + r.log() + " force=" + r.force() + (r.run() ? " run" : ""));
        return new MsiCommand(r.packagePath(), r.properties(), r.quiet(), r.log());
    }

    @Override
    public Step status(StatusRequest r) {
        return record("status " + r.root() + (r.msiPackage() == null ? "" : " msi=" + r.msiPackage()));
    }
}
