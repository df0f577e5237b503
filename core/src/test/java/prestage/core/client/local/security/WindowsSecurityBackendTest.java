package prestage.core.client.local.security;

import prestage.core.security.Ace;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.acl.AclVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.client.open.Clients;

/** Live Windows: the API stores the descriptor and propagates it; Windows itself is the judge. */
@EnabledOnOs(OS.WINDOWS)
class WindowsSecurityBackendTest {
    @TempDir
    Path dir;

    @Test
    void medvAclIsSetProtectedAndInheritedByWindows() throws IOException {
        Path root = Files.createDirectories(dir.resolve("MED-V Images"));
        Path file = Files.writeString(root.resolve("image.ckm"), "x");
        var target = Clients.open("live", null);
        assertEquals("live_windows", target.kind());
        var ctx = new Context(target, new Outcome(false), Progress.NONE);
        assertEquals(Status.CHANGED, new AclVerb(ctx).apply(new AclApplyRequest(root.toString(), "medv", true)).status());

        SecurityDescriptor sd = new WindowsSecurityBackend().read(root).orElseThrow();
        assertTrue(sd.isDaclProtected());
        assertEquals(Vectors.MEDV_ACES, sd.dacl().aces());
        assertEquals(List.of(0x10, 0x10, 0x10), new WindowsSecurityBackend().read(file).orElseThrow().dacl().aces().stream()
                .map(Ace::flags).toList());
        assertEquals(Status.OK, new AclVerb(ctx).apply(new AclApplyRequest(root.toString(), "medv", true)).status());
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest(root.toString(), Vectors.MEDV_SDDL)).status());
    }
}
