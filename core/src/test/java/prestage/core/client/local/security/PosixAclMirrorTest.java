package prestage.core.client.local.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.acl.AclVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.client.ClientSettings;
import prestage.core.client.open.Clients;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.testing.Smbd;

/** The optional POSIX mirror, judged by getfacl; every loss must be a warning. */
class PosixAclMirrorTest {
    @TempDir
    Path drive;

    private Context mirrored(String adminGroup) {
        return new Context(Clients.open(drive.toString(), null, ClientSettings.posixAcl(adminGroup)), new Outcome(false), Progress.NONE);
    }

    private static List<String> getfacl(Path p) throws IOException {
        Smbd.requireToolFor("getfacl", "acl (apt-get install acl)");
        return Smbd.run(List.of("getfacl", "-n", "-p", "--omit-header", p.toString()), null).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void medvAclMirroredWithItsLossesReported() throws IOException {
        Path root = Files.createDirectories(drive.resolve("MED-V Images"));
        Path image = Files.writeString(root.resolve("image.ckm"), "x");
        long gid = ((Number) Files.getAttribute(root, "unix:gid")).longValue();
        Context ctx = mirrored("yes");
        assertTrue(ctx.client().securityStore().endsWith("mirrored to POSIX ACLs"));
        assertEquals(Status.CHANGED, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());

        long uid = ((Number) Files.getAttribute(root, "unix:uid")).longValue();
        String owner = uid == 0 ? "user::rwx" : "user::---";
        assertEquals(uid == 0 ? List.of("user::rwx", "group::rwx", "other::r-x", "default:user::rwx", "default:group::rwx", "default:other::r-x")
                : List.of(owner, "user:0:rwx", "group::rwx", "mask::rwx", "other::r-x", "default:" + owner, "default:user:0:rwx",
                "default:group::rwx", "default:mask::rwx", "default:other::r-x"), getfacl(root), "gid " + gid);
        // the file inherited the ACEs; "other" reads it but does not execute it
        assertEquals(uid == 0 ? List.of("user::rwx", "group::rwx", "other::r--") : List.of(owner, "user:0:rwx", "group::rwx", "mask::rwx", "other::r--"),
                getfacl(image));
        List<String> warnings = ctx.outcome().warnings();
        assertTrue(warnings.contains("acl apply C:\\MED-V Images: NT AUTHORITY\\Authenticated Users: FILE_APPEND_DATA (append / add subfolder) "
                + "without FILE_WRITE_DATA has no POSIX form; mirrored without write"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("BUILTIN\\Administrators: DELETE, WRITE_DAC and WRITE_OWNER have no POSIX form")), warnings.toString());
        assertEquals(warnings.size(), warnings.stream().distinct().count(), "each loss said once: " + warnings);
    }

    @Test
    void adminGroupDenyAndUnknownSids() throws IOException {
        Path dir = Files.createDirectories(drive.resolve("other"));
        long gid = ((Number) Files.getAttribute(dir, "unix:gid")).longValue();
        long admin = gid == 4 ? 5 : 4;
        Context ctx = mirrored(Long.toString(admin));
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\other", "D:P(D;;FW;;;WD)(A;;FA;;;BA)(A;;FR;;;S-1-5-21-1-2-3-1001)(A;;FA;;;S-1-22-2-" + gid + ")", null));
        List<String> acl = getfacl(dir);
        assertTrue(acl.contains("group:" + admin + ":rwx"), acl.toString());
        assertTrue(acl.contains("group::rwx"), acl.toString());
        assertTrue(acl.contains("mask::rwx"), acl.toString());
        List<String> warnings = ctx.outcome().warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("POSIX ACLs have no deny entries: 'deny Everyone 0x00120116' is not mirrored")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("no POSIX user or group stands for S-1-5-21-1-2-3-1001")), warnings.toString());
    }
}
