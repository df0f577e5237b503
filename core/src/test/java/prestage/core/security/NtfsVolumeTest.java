package prestage.core.security;

import prestage.core.client.local.security.NtfsSecurityBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import prestage.core.verb.acl.AclVerb;
import prestage.core.verb.Context;
import prestage.core.Progress;
import prestage.core.verb.acl.AclApplyRequest;
import prestage.core.verb.acl.AclDiffRequest;
import prestage.core.outcome.Outcome;
import prestage.core.outcome.Status;
import prestage.core.client.Client;
import prestage.core.client.open.Clients;
import prestage.core.testing.NtfsImage;
import prestage.core.testing.Smbd;

/**
 * An offline Windows volume: a real NTFS image mounted with ntfs-3g. ntfs-3g's {@code getfattr} view and
 * {@code ntfssecaudit} (also on the unmounted image) judge what {@code acl apply} stored, and ntfs-3g's own
 * Windows-style inheritance ({@code -o inherit}) judges what Inheritance computes (like Samba, ntfs-3g keeps
 * generic rights in inherited ACEs where Windows maps them: {@link WindowsForm} bridges that).
 */
class NtfsVolumeTest {
    @TempDir
    Path tmp;
    NtfsImage volume;

    @BeforeEach
    void mount() throws IOException {
        Smbd.requireToolFor("ntfssecaudit", "ntfs-3g (apt-get install ntfs-3g)");
        Smbd.requireToolFor("getfattr", "attr (apt-get install attr)");
        volume = NtfsImage.create(tmp, 16);
    }

    @AfterEach
    void unmount() {
        if (volume != null) volume.close();
    }

    private Context context() {
        Client target = Clients.open(volume.mountPoint().toString(), null);
        assertEquals("ntfs_volume", target.kind(), "an ntfs-3g mount point is an NTFS volume target");
        return new Context(target, new Outcome(false), Progress.NONE);
    }

    /** What ntfssecaudit -vv says about a descriptor: control, owner, group and "type/flags/mask/SID" per ACE. */
    record Audit(int control, String owner, String group, List<String> aces) {
        static Audit parse(String out) {
            int control = -1;
            String owner = null;
            String group = null;
            var aces = new ArrayList<String>();
            String type = null;
            String flags = null;
            String mask = null;
            boolean inHeader = false;
            for (String raw : out.lines().toList()) {
                String line = raw.strip();
                if (raw.startsWith("Global header")) inHeader = true;
                if (!inHeader) continue;
                if (raw.startsWith("No SACL") || raw.startsWith("SACL") || raw.startsWith("Windows attrib")) break;
                if (control < 0 && line.startsWith("flags")) control = Integer.decode(line.substring(5).strip());
                else if (line.startsWith("O:dec ")) owner = line.substring(6);
                else if (line.startsWith("G:dec ")) group = line.substring(6);
                else if (line.startsWith("type ")) type = line.substring(5).strip();
                else if (line.startsWith("flags ")) flags = line.substring(6).strip();
                else if (line.startsWith("Acc rgts ")) mask = line.substring(9).strip();
                else if (line.startsWith("dec S-") && type != null) {
                    aces.add(type + "/" + flags + "/" + mask + "/" + line.substring(4));
                    type = null;
                }
            }
            if (control < 0) throw new AssertionError("ntfssecaudit printed no descriptor header:\n" + out);
            return new Audit(control, owner, group, aces);
        }
    }

    private static final List<String> MEDV_AUDIT = List.of("0/0x3/0x12008d/S-1-5-11", "0/0x3/0x1f01ff/S-1-5-18", "0/0x3/0x1f01ff/S-1-5-32-544");

    @Test
    void appliedAclIsOnTheVolumeForWindows() throws IOException {
        Path root = volume.mountPoint().resolve("MED-V Images");
        Path prestaged = Files.createDirectories(root.resolve("PrestagedImages"));
        Files.writeString(prestaged.resolve("image.ckm"), "image");
        Context ctx = context();
        var step = new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true));
        assertEquals(Status.CHANGED, step.status(), step.toString());
        // ntfs-3g gave the Linux-made items protected ACLs from their modes; they are reset to inherit
        assertTrue(step.diff().contains("~ C:\\MED-V Images\\PrestagedImages: reset to inherit 3 ACE(s) (its protected DACL was set by no Windows tool)"),
                step.diff().toString());
        assertTrue(ctx.outcome().warnings().stream().anyMatch(w -> w.contains("2 item(s) inside had a protected DACL")), ctx.outcome().warnings().toString());

        SecurityDescriptor sd = SelfRelativeDescriptor.decode(volume.ntfsAclByGetfattr(root));
        assertEquals(Vectors.MEDV_ACES, sd.dacl().aces());
        assertEquals(0x9404, sd.control());
        assertNotNull(sd.owner(), "ntfs-3g requires an owner");
        assertNotNull(sd.group(), "ntfs-3g requires a group");
        Audit audit = Audit.parse(volume.ntfssecaudit(root));
        assertEquals(0x9404, audit.control());
        assertEquals(MEDV_AUDIT, audit.aces());

        // what was already inside inherits, as Windows does when a protected DACL is set
        assertEquals(List.of(0x13, 0x13, 0x13), flags(prestaged));
        assertEquals(List.of(0x10, 0x10, 0x10), flags(prestaged.resolve("image.ckm")));

        assertEquals(Status.OK, new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "medv", true)).status());
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", Vectors.seedListing())).status());
        assertEquals(Status.OK, new AclVerb(ctx).diff(new AclDiffRequest("C:\\MED-V Images", "medv")).status());

        // the descriptor reached the disk: read the unmounted image directly
        volume.unmount();
        Audit offline = Audit.parse(volume.ntfssecauditOffline("/MED-V Images"));
        assertEquals(0x9404, offline.control());
        assertEquals(MEDV_AUDIT, offline.aces());
        assertEquals(sd.owner().toString(), offline.owner());
        assertEquals(sd.group().toString(), offline.group());
        // (ntfssecaudit -vv on the mounted image.ckm crashes in ntfs_free_mapping with ntfs-3g 2022.10.3 when no user
        // mapping exists, so the files inside are audited offline)
        assertEquals(List.of("0/0x13/0x12008d/S-1-5-11", "0/0x13/0x1f01ff/S-1-5-18", "0/0x13/0x1f01ff/S-1-5-32-544"),
                Audit.parse(volume.ntfssecauditOffline("/MED-V Images/PrestagedImages")).aces());
        Audit file = Audit.parse(volume.ntfssecauditOffline("/MED-V Images/PrestagedImages/image.ckm"));
        assertEquals(0x8404, file.control());
        assertEquals(List.of("0/0x10/0x12008d/S-1-5-11", "0/0x10/0x1f01ff/S-1-5-18", "0/0x10/0x1f01ff/S-1-5-32-544"), file.aces());
    }

    private List<Integer> flags(Path path) throws IOException {
        return SelfRelativeDescriptor.decode(volume.ntfsAclByGetfattr(path)).dacl().aces().stream().map(Ace::flags).toList();
    }

    @Test
    void newFilesInheritWhatMsDtypSays() throws IOException {
        volume.withInheritance(NtfsImage.DEFAULT_USER_MAPPING);
        Path root = Files.createDirectories(volume.mountPoint().resolve("MED-V Images"));
        Context ctx = context();
        // no explicit ACE for the owner (BA): ntfs-3g merges the CREATOR OWNER ACE into one for the same SID
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\MED-V Images", "D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICIIO;GA;;;CO)(A;CI;FX;;;BU)", null));
        SecurityDescriptor parent = new NtfsSecurityBackend().read(root).orElseThrow();

        Path file = root.resolve("new.ckm");
        Files.writeString(file, "x");
        Path dir = Files.createDirectories(root.resolve("newdir"));
        for (Path child : List.of(file, dir)) {
            SecurityDescriptor made = SelfRelativeDescriptor.decode(volume.ntfsAclByGetfattr(child));
            SecurityDescriptor expected = Inheritance.forNewChild(parent, Files.isDirectory(child), made.owner(), made.group());
            assertEquals(expected.dacl().aces(), WindowsForm.of(made.dacl().aces()), child.toString());
            assertEquals(0x8404, made.control(), child + ": DACL present and auto-inherited, self-relative");
        }
        Path medv = Files.createDirectories(volume.mountPoint().resolve("medv"));
        new AclVerb(ctx).apply(new AclApplyRequest("C:\\medv", "medv", true));
        Files.writeString(medv.resolve("new.ckm"), "x");
        Files.createDirectories(medv.resolve("newdir"));
        List<String> fileAces = Audit.parse(volume.ntfssecaudit(medv.resolve("new.ckm"))).aces();
        assertEquals(List.of("0/0x10/0x12008d/S-1-5-11", "0/0x10/0x1f01ff/S-1-5-18", "0/0x10/0x1f01ff/S-1-5-32-544"), fileAces);
        assertEquals(List.of("0/0x13/0x12008d/S-1-5-11", "0/0x13/0x1f01ff/S-1-5-18", "0/0x13/0x1f01ff/S-1-5-32-544"),
                Audit.parse(volume.ntfssecaudit(medv.resolve("newdir"))).aces());
    }
}
