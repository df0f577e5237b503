package prestage.core.client.local.marks;

import prestage.core.images.ReadOnlyMarker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Read-only on a plain folder: no write bit for anyone, and the DOS READONLY attribute where Samba keeps it
 * ({@code user.DOSATTRIB}, {@link DosAttribXattr}), so a share of the folder shows the file as {@code R} (smbd
 * does not derive READONLY from the mode unless told to with {@code map readonly}). Unmarking gives the owner
 * back write access only; what group and others had before is not recorded anywhere, and owner-only is the safe guess.
 */
public final class WriteBitsMarker implements ReadOnlyMarker {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    @Override
    public boolean isReadOnly(Path file) throws IOException {
        return noWriteBits(file) && DosAttribXattr.isReadOnly(file);
    }

    @Override
    public boolean hasAnyMark(Path file) throws IOException {
        return noWriteBits(file) || DosAttribXattr.isReadOnly(file);
    }

    private static boolean noWriteBits(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).stream().noneMatch(WRITE::contains);
    }

    @Override
    public void setReadOnly(Path file, boolean readOnly) throws IOException {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) throw new IOException(file + ": this filesystem has no POSIX permissions");
        var perms = EnumSet.noneOf(PosixFilePermission.class);
        perms.addAll(view.readAttributes().permissions());
        boolean changed = readOnly ? perms.removeAll(WRITE) : perms.add(PosixFilePermission.OWNER_WRITE);
        // a user. xattr needs write access to the file (unless root): set it while the owner can still write,
        // and clear it once the owner can write again
        if (readOnly) dosAttribute(file, true);
        if (changed) view.setPermissions(perms);
        if (!readOnly) dosAttribute(file, false);
    }

    private static void dosAttribute(Path file, boolean readOnly) throws IOException {
        try {
            DosAttribXattr.setReadOnly(file, readOnly);
        } catch (IOException e) {
            throw new IOException("cannot " + (readOnly ? "set" : "clear") + " the DOS read-only attribute that Samba clients see ("
                    + DosAttribXattr.XATTR + "): " + e.getMessage(), e);
        }
    }
}
