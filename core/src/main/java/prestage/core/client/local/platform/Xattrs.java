package prestage.core.client.local.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Extended attributes in every namespace (user., security., system.) through libc: the JDK's
 * UserDefinedFileAttributeView reaches only user., and ntfs-3g and Samba keep NT ACLs elsewhere.
 */
public final class Xattrs {
    private static final int ENODATA = 61;
    private static final int ERANGE = 34;

    private interface LibC extends Library {
        long getxattr(String path, String name, Pointer value, long size);

        int setxattr(String path, String name, Pointer value, long size, int flags);

        int removexattr(String path, String name);
    }

    private static final class Holder {
        static final LibC LIBC = prestage.core.client.local.platform.Libc.load(LibC.class);
    }

    private Xattrs() {
    }

    /** The attribute's bytes, or empty when the file has no such attribute. */
    public static Optional<byte[]> get(Path path, String name) throws IOException {
        String p = path.toString();
        for (int attempt = 0; attempt < 4; attempt++) {
            long size = Holder.LIBC.getxattr(p, name, null, 0);
            if (size < 0) {
                int errno = Native.getLastError();
                if (errno == ENODATA) return Optional.empty();
                throw failure("read", name, path, errno);
            }
            if (size == 0) return Optional.of(new byte[0]);
            Memory buf = new Memory(size);
            long read = Holder.LIBC.getxattr(p, name, buf, size);
            if (read < 0) {
                int errno = Native.getLastError();
                if (errno == ERANGE) continue; // grew between the two calls
                if (errno == ENODATA) return Optional.empty();
                throw failure("read", name, path, errno);
            }
            return Optional.of(buf.getByteArray(0, (int) read));
        }
        throw new IOException("cannot read " + name + " of " + path + ": it keeps changing size");
    }

    public static void set(Path path, String name, byte[] value) throws IOException {
        Memory buf = new Memory(Math.max(1, value.length));
        buf.write(0, value, 0, value.length);
        if (Holder.LIBC.setxattr(path.toString(), name, buf, value.length, 0) != 0) {
            throw failure("write", name, path, Native.getLastError());
        }
    }

    /** Removes the attribute; a missing one is not an error. */
    public static void remove(Path path, String name) throws IOException {
        if (Holder.LIBC.removexattr(path.toString(), name) != 0) {
            int errno = Native.getLastError();
            if (errno != ENODATA) throw failure("remove", name, path, errno);
        }
    }

    private static IOException failure(String what, String name, Path path, int errno) {
        String reason = switch (errno) {
            case 1 -> "operation not permitted (the security. namespace needs root)";
            case 2 -> "no such file";
            case 13 -> "permission denied";
            case 22 -> "invalid value";
            case 28 -> "no space left";
            case 95 -> "the filesystem does not support extended attributes";
            default -> "errno " + errno;
        };
        return new IOException("cannot " + what + " " + name + " of " + path + ": " + reason);
    }
}
