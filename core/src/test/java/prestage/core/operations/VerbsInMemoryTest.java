package prestage.core.operations;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prestage.core.BadInputException;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.verb.acl.AclShowRequest;
import prestage.core.images.PushOptions;
import prestage.core.images.PushRequest;
import prestage.core.images.VerifyRequest;
import prestage.core.verb.msi.MsiRequest;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.outcome.Step;
import prestage.core.profile.Profile;
import prestage.core.verb.registry.RegistryDeleteRequest;
import prestage.core.verb.registry.RegistryGetRequest;
import prestage.core.verb.registry.RegistrySetRequest;
import prestage.core.registry.RegValue;
import prestage.core.verb.Context;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RootKey;
import prestage.core.security.Sddl;
import prestage.core.verb.store.Store;
import prestage.core.verb.store.StoreRequest;
import prestage.core.testing.MemoryClient;
import prestage.core.testing.MemoryRegistry;

/**
 * The verbs against {@link MemoryClient}: what each one asks of the client, and that a second run asks for no
 * change. The same verbs against real folders, volumes and tools are tested beside their classes.
 */
class VerbsInMemoryTest {
    private static final String ROOT = "C:\\MED-V Images";
    private static final String PRESTAGED = "C:\\MED-V Images\\PrestagedImages";

    @TempDir
    Path sources;

    private final MemoryClient client = new MemoryClient();

    private Verbs verbs(boolean whatIf) {
        return new Operations(new Context(client, new Outcome(whatIf), Progress.NONE));
    }

    @Test
    void storeMakesTheTwoFoldersOnceAndWhatIfMakesNone() {
        Store planned = verbs(true).store(new StoreRequest("C:\\"));
        assertEquals(Status.CHANGED, planned.step().status());
        assertEquals(List.of(), client.changes(), "what-if changes nothing");

        Store made = verbs(false).store(new StoreRequest("C:\\"));
        assertEquals(Status.CHANGED, made.step().status());
        assertEquals(List.of("makeFolder " + ROOT, "makeFolder " + PRESTAGED), client.changes());
        assertEquals(PRESTAGED, made.prestaged());

        int before = client.changes().size();
        assertEquals(Status.OK, verbs(false).store(new StoreRequest("c:\\")).step().status());
        assertEquals(before, client.changes().size(), "a second run changes nothing");
    }

    @Test
    void aclApplyWritesTheProfileDescriptorThenShowAndDiffAgree() {
        Verbs v = verbs(false);
        v.store(new StoreRequest("C:\\"));
        client.file(PRESTAGED + "\\a.ckm", new byte[] {1});

        Step applied = v.aclApply(new AclApplyRequest(ROOT, "medv", null));
        assertEquals(Status.CHANGED, applied.status());
        assertTrue(client.calls("writeSecurity").contains(ROOT), client.calls().toString());
        assertEquals(Profile.MEDV.acl(), Sddl.format(client.descriptor(ROOT).orElseThrow()));
        // the verbs recompute inheritance for a client that does not: the image inside inherits both ACEs sets
        String inherited = Sddl.format(client.descriptor(PRESTAGED + "\\a.ckm").orElseThrow());
        assertTrue(inherited.contains("(A;ID;FA;;;SY)"), inherited);

        int writes = client.calls("writeSecurity").size();
        assertEquals(Status.OK, v.aclApply(new AclApplyRequest(ROOT, "medv", null)).status());
        assertEquals(writes, client.calls("writeSecurity").size(), "a second apply writes nothing");

        assertEquals(Profile.MEDV.acl(), v.aclShow(new AclShowRequest(ROOT, "sddl")));
        assertTrue(v.aclShow(new AclShowRequest(ROOT, "icacls")).contains("BUILTIN\\Administrators:(OI)(CI)(F)"), v.aclShow(new AclShowRequest(ROOT, "icacls")));
        assertEquals(Status.OK, v.aclDiff(new AclDiffRequest(ROOT, "medv")).status());

        client.descriptor(ROOT, Sddl.parse("D:PAI(A;OICI;FA;;;WD)"));
        Step drift = v.aclDiff(new AclDiffRequest(ROOT, "medv"));
        assertEquals(Status.DRIFT, drift.status());
        assertFalse(drift.diff().isEmpty());
    }

    @Test
    void aclApplyUnderWhatIfReadsButWritesNothing() {
        verbs(false).store(new StoreRequest("C:\\"));
        int before = client.changes().size();
        assertEquals(Status.CHANGED, verbs(true).aclApply(new AclApplyRequest(ROOT, "medv", true)).status());
        assertEquals(before, client.changes().size());
        assertTrue(client.descriptor(ROOT).isEmpty());
    }

    @Test
    void pushCopiesWithAManifestAndVerifyChecksAndMarks() throws Exception {
        byte[] image = "an image".getBytes(StandardCharsets.US_ASCII);
        Files.write(sources.resolve("w7.ckm"), image);
        Files.write(sources.resolve("w7.index"), new byte[] {9, 8, 7});
        Files.writeString(sources.resolve("notes.txt"), "not an image");
        Verbs v = verbs(false);
        v.store(new StoreRequest("C:\\"));

        Step pushed = v.push(new PushRequest(List.of(sources.toString()), PRESTAGED, PushOptions.DEFAULTS));
        assertEquals(Status.CHANGED, pushed.status(), pushed.toString());
        assertArrayEquals(image, client.content(PRESTAGED + "\\w7.ckm"));
        assertFalse(client.exists(PRESTAGED + "\\notes.txt"));
        String sums = new String(client.content(PRESTAGED + "\\SHA256SUMS"), StandardCharsets.UTF_8);
        assertTrue(sums.contains(sha256(image) + " *w7.ckm") || sums.contains(sha256(image) + "  w7.ckm"), sums);

        int writes = client.calls("openWrite").size();
        assertEquals(Status.OK, v.push(new PushRequest(List.of(sources.toString()), PRESTAGED, PushOptions.DEFAULTS)).status());
        assertEquals(writes, client.calls("openWrite").size(), "a second push copies nothing");

        assertEquals(Status.CHANGED, v.verify(new VerifyRequest(PRESTAGED, true)).status());
        assertTrue(client.readOnlyMark(PRESTAGED + "\\w7.ckm"));
        assertTrue(client.readOnlyMark(PRESTAGED + "\\w7.index"));
        assertEquals(Status.OK, v.verify(new VerifyRequest(PRESTAGED, true)).status());

        client.file(PRESTAGED + "\\w7.ckm", "tampered".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Status.DRIFT, v.verify(new VerifyRequest(PRESTAGED, false)).status());
    }

    @Test
    void registrySetLandsInThe32BitViewAndASecondSetChangesNothing() {
        var registry = new MemoryRegistry(prestage.core.registry.Bitness.X64);
        client.registry(registry);
        Verbs v = verbs(false);

        Step set = v.registrySet(new RegistrySetRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", PRESTAGED, "REG_SZ", 32));
        assertEquals(Status.CHANGED, set.status());
        RegistryKeyPath physical = RegistryKeyPath.of(RootKey.HKEY_LOCAL_MACHINE, "SOFTWARE", "WOW6432Node", "Kidaro");
        assertEquals(RegValue.sz("PrestagedImagesPath", PRESTAGED), registry.get(physical, "PrestagedImagesPath").orElseThrow());
        assertTrue(v.registryGet(new RegistryGetRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", 32)).contains(PRESTAGED));

        assertEquals(Status.OK, v.registrySet(new RegistrySetRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", PRESTAGED, "REG_SZ", 32)).status());
        assertEquals(1, registry.edits().size(), "a second set writes nothing");

        assertEquals(Status.CHANGED, verbs(true).registryDelete(new RegistryDeleteRequest("HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", 32)).status());
        assertEquals(1, registry.edits().size(), "what-if deletes nothing");
    }

    @Test
    void statusOfAFullyPrestagedClientIsOkAndNamesEachDrift() throws IOException {
        Files.write(sources.resolve("w7.ckm"), new byte[] {1, 2, 3});
        client.registry(new MemoryRegistry(prestage.core.registry.Bitness.X64));
        Verbs v = verbs(false);
        v.store(new StoreRequest("C:\\"));
        v.aclApply(new AclApplyRequest(ROOT, "medv", null));
        v.aclApply(new AclApplyRequest(PRESTAGED, "medv", null));
        v.push(new PushRequest(List.of(sources.toString()), PRESTAGED, PushOptions.DEFAULTS));
        v.verify(new VerifyRequest(PRESTAGED, true));
        v.registrySet(new RegistrySetRequest(Profile.MEDV.registryKey(), Profile.MEDV.registryValue(), PRESTAGED, "REG_SZ", 32));
        int changes = client.changes().size();

        Outcome look = new Outcome(false);
        Step ok = new Operations(new Context(client, look, Progress.NONE)).status(new StatusRequest("C:\\"));
        assertEquals(Status.OK, ok.status(), look.steps().toString());
        assertEquals(changes, client.changes().size(), "status changes nothing");

        client.readOnlyMark(PRESTAGED + "\\w7.ckm", false);
        Outcome again = new Outcome(false);
        Step drift = new Operations(new Context(client, again, Progress.NONE)).status(new StatusRequest("C:\\"));
        assertEquals(Status.DRIFT, drift.status());
        assertEquals(List.of("~ w7.ckm is writable"), again.steps().stream().filter(s -> s.verb().equals("read-only"))
                .findFirst().orElseThrow().diff());
    }

    @Test
    void statusChecksEachAspectThroughTheVerbsAndNamesThePackageAsked() {
        verbs(false).store(new StoreRequest("C:\\"));
        Outcome look = new Outcome(false);
        var called = new java.util.ArrayList<String>();
        Operations real = new Operations(new Context(client, look, Progress.NONE));
        Verbs seen = (Verbs) java.lang.reflect.Proxy.newProxyInstance(Verbs.class.getClassLoader(), new Class<?>[] {Verbs.class},
                (proxy, method, args) -> {
                    called.add(method.getName());
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new StatusVerb(real.context(), seen, Profile.MEDV).status(new StatusRequest("C:\\", null));
        assertEquals(List.of("aclDiff", "aclDiff", "verify", "registryValue", "msi"), called);
        Step msi = look.steps().stream().filter(s -> s.verb().equals("msi")).findFirst().orElseThrow();
        assertEquals(Profile.MEDV.msiPackage(), msi.subject());
        assertTrue(msi.message().contains("VMSFOLDER=\"C:\\MED-V Images\""), msi.message());

        Outcome other = new Outcome(false);
        new Operations(new Context(client, other, Progress.NONE)).status(new StatusRequest("C:\\", "MED-V_2.0.msi"));
        assertTrue(other.steps().stream().anyMatch(s -> s.verb().equals("msi") && s.subject().equals("MED-V_2.0.msi")), other.steps().toString());
    }

    @Test
    void msiRunGoesThroughTheClientAndMsiexecsStatusDecidesTheStep() {
        var statuses = new java.util.ArrayDeque<>(List.of(0, 3010, 1603));
        client.runs(command -> statuses.pop());
        var props = java.util.Map.of("VMSFOLDER", ROOT);
        Outcome outcome = new Outcome(false);
        Verbs v = new Operations(new Context(client, outcome, Progress.NONE));

        v.msi(new MsiRequest("MED-V_1.0.65.msi", props, true, null, false, true, java.util.Optional.empty()));
        assertEquals(List.of(List.of("msiexec", "/i", "MED-V_1.0.65.msi", "VMSFOLDER=" + ROOT, "/quiet")), client.commandsRun());
        assertEquals(Status.CHANGED, outcome.steps().get(0).status());
        v.msi(new MsiRequest("MED-V_1.0.65.msi", props, true, null, false, true, java.util.Optional.empty()));
        assertTrue(outcome.steps().get(1).message().contains("restart"), outcome.steps().get(1).message());
        v.msi(new MsiRequest("MED-V_1.0.65.msi", props, true, null, false, true, java.util.Optional.empty()));
        assertEquals(Status.FAILED, outcome.steps().get(2).status());
        assertTrue(outcome.steps().get(2).message().contains("1603"), outcome.steps().get(2).message());
        assertEquals(Outcome.EXIT_FAILED, outcome.exitCode());

        verbs(true).msi(new MsiRequest("MED-V_1.0.65.msi", props, true, null, false, true, java.util.Optional.empty()));
        assertEquals(3, client.commandsRun().size(), "what-if runs nothing");
        verbs(false).msi(new MsiRequest("MED-V_1.0.65.msi", props, true, null, false, false, java.util.Optional.empty()));
        assertEquals(3, client.commandsRun().size(), "without run nothing runs");
    }

    @Test
    void msiRunOnAClientThatCannotRunCommandsIsBadInputNamingTheCommand() {
        var e = assertThrows(BadInputException.class,
                () -> verbs(false).msi(new MsiRequest("MED-V_1.0.65.msi", java.util.Map.of("START_MEDV", "0"), true, null, false, true, java.util.Optional.empty())));
        assertTrue(e.getMessage().contains("cannot run commands on the in-memory client"), e.getMessage());
        assertTrue(e.getMessage().endsWith("msiexec /i \"MED-V_1.0.65.msi\" START_MEDV=0 /quiet"), e.getMessage());
        assertEquals(List.of(), client.commandsRun());
    }

    @Test
    void aPathOutsideTheClientsDriveIsBadInputAndReachesNothing() {
        assertThrows(BadInputException.class, () -> verbs(false).store(new StoreRequest("/tmp")));
        assertThrows(BadInputException.class, () -> verbs(false).aclApply(new AclApplyRequest("D:\\x", "medv", null)));
        assertEquals(List.of(), client.changes());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
