package prestage.core.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Read-only on a plain folder: no write bit for anyone. Unmarking gives the owner back write access only;
 * what group and others had before is not recorded anywhere, and owner-only is the safe guess.
 */
final class WriteBitsMarker implements ReadOnlyMarker {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    @Override
    public boolean isReadOnly(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).stream().noneMatch(WRITE::contains);
    }

    @Override
    public void setReadOnly(Path file, boolean readOnly) throws IOException {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) throw new IOException(file + ": this filesystem has no POSIX permissions");
        var perms = EnumSet.noneOf(PosixFilePermission.class);
        perms.addAll(view.readAttributes().permissions());
        boolean changed = readOnly ? perms.removeAll(WRITE) : perms.add(PosixFilePermission.OWNER_WRITE);
        if (changed) view.setPermissions(perms);
    }
}
