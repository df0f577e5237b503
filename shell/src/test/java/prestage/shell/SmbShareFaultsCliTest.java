package prestage.shell;

import static prestage.shell.Prestage.prestage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import prestage.core.testing.Smbd;
import prestage.shell.Prestage.Result;
import prestage.smb.testing.LoopbackSmbd;

/**
 * A remote client whose disk fills, and one whose share is read only, through the command line. The share that fills
 * is a 64 MiB tmpfs this test mounts under its own temporary folder (and unmounts in finally), already holding a
 * 32 MiB filler file, behind a real smbd on loopback. Judged on the served folder itself: what names exist there,
 * and {@code sha256sum -c} after the rerun.
 */
@EnabledOnOs(OS.LINUX)
class SmbShareFaultsCliTest extends SmbCliFixture {
    private static final String IMAGES = "C:\\Images";

    /**
     * The server says there is room (its {@code dfree command} reports 4 GiB free, as a server whose disk another
     * writer fills during the push would), so the push starts; the disk fills mid-write. One line naming the host and
     * what to do, no image under its final name; after the filler is removed a rerun finishes.
     */
    @Test
    void aDiskThatFillsMidPushFailsInOneLineAndARerunAfterFreeingSpaceFinishes() throws Exception {
        Path images = images(48, 11);
        Path creds = credentials();
        Path dfree = dir.resolve("dfree");
        Files.writeString(dfree, "#!/bin/sh\necho 4194304 4194304\n");
        Files.setPosixFilePermissions(dfree, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path disk = mountTmpfs("64m");
        try {
            Files.write(disk.resolve("filler.bin"), new byte[32 << 20]);
            try (var smbd = LoopbackSmbd.start(dir.resolve("samba"), Map.of("path", disk.toString(), "dfree command", dfree.toString()))) {
                String target = smbd.url(LoopbackSmbd.SHARE);
                Result full = prestage("push", images.toString(), "--to", IMAGES, "--target", target, "--credentials", creds.toString());
                assertEquals(1, full.exit(), full.out() + full.err());
                String error = errorLine(full);
                assertTrue(error.contains("STATUS_DISK_FULL") && error.contains("free space on 127.0.0.1, then push again"), error);
                assertFalse(Files.exists(disk.resolve("Images/Win7.ckm")), "a half image under its final name: " + names(disk.resolve("Images")));

                Files.delete(disk.resolve("filler.bin"));
                Result rerun = prestage("push", images.toString(), "--to", IMAGES, "--target", target, "--credentials", creds.toString());
                assertEquals(0, rerun.exit(), rerun.out() + rerun.err());
                assertEquals("", Smbd.run(List.of("sh", "-c", "cd \"$0\" && sha256sum --quiet --strict -c SHA256SUMS", disk.resolve("Images").toString()), null));
                assertEquals(List.of("SHA256SUMS", "SHA256SUMS.prestage.json", "Win7.ckm", "Win7.ckm.index"), names(disk.resolve("Images")),
                        "a part file or lock left behind");
            }
        } finally {
            unmount(disk);
        }
    }

    /** The server tells the truth about its free space: the push is refused before the first byte, nothing copied. */
    @Test
    void aShareWithoutRoomIsRefusedBeforeTheFirstByte() throws Exception {
        Path images = images(48, 12);
        Path creds = credentials();
        Path disk = mountTmpfs("64m");
        try {
            Files.write(disk.resolve("filler.bin"), new byte[32 << 20]);
            Files.createDirectories(disk.resolve("Images"));
            try (var smbd = LoopbackSmbd.start(dir.resolve("samba"), Map.of("path", disk.toString()))) {
                Result refused = prestage("push", images.toString(), "--to", IMAGES, "--target", smbd.url(LoopbackSmbd.SHARE), "--credentials", creds.toString());
                assertTrue(refused.exit() == 1 || refused.exit() == 2, refused.out() + refused.err());
                String error = errorLine(refused);
                assertTrue(error.contains("free") && error.contains("nothing was copied"), error);
                assertEquals(List.of(), names(disk.resolve("Images")));
            }
        } finally {
            unmount(disk);
        }
    }

    /** A share the server exports read only: one line, nothing written, for a folder and for a push. */
    @Test
    void aReadOnlyShareIsOneLineAndNothingChanges() throws Exception {
        Path images = images(1, 13);
        Path creds = credentials();
        try (var smbd = LoopbackSmbd.start(dir.resolve("samba"))) {
            String target = smbd.url(LoopbackSmbd.READ_ONLY_SHARE);
            Result store = prestage("store", "C:\\", "--target", target, "--credentials", creds.toString());
            assertTrue(store.exit() == 1 || store.exit() == 2, store.out() + store.err());
            String error = errorLine(store);
            assertTrue(error.contains("127.0.0.1") && error.contains("read only"), error);
            Result push = prestage("push", images.toString(), "--to", IMAGES, "--target", target, "--credentials", creds.toString());
            assertTrue(push.exit() == 1 || push.exit() == 2, push.out() + push.err());
            errorLine(push);
            assertEquals(List.of(), names(smbd.shareDir(LoopbackSmbd.READ_ONLY_SHARE)));
        }
    }

    /** The run's one error: a failed step's line on stdout, or prestage's own on stderr (which also carries progress). */
    private static String errorLine(Result r) {
        var errors = (r.out() + r.err()).lines().filter(l -> l.startsWith("prestage:") || l.startsWith("failed ")).toList();
        assertEquals(1, errors.size(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        return errors.get(0);
    }

    private Path mountTmpfs(String size) throws IOException {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Smbd.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "prestage-test-disk", disk.toString()), null);
        return disk;
    }

    private static void unmount(Path disk) throws IOException {
        Smbd.run(List.of("umount", disk.toString()), null);
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
