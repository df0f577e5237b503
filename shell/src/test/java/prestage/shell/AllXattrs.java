package prestage.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.TreeMap;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * Every extended attribute of a path, in every namespace the caller may read (user., security., system., trusted.),
 * without following a link: llistxattr and lgetxattr from libc. A test's snapshot, so a spawn of getfattr per
 * snapshot does not dominate a harness that takes hundreds of them (tried: getfattr -R gives the same set).
 */
final class AllXattrs {
    private interface LibC extends Library {
        long llistxattr(String path, Memory list, long size);

        long lgetxattr(String path, String name, Memory value, long size);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private AllXattrs() {
    }

    /** {@code name=hex;...} sorted by name; empty when the path has none. */
    static String of(Path path) throws IOException {
        String p = path.toString();
        long size = LIBC.llistxattr(p, null, 0);
        if (size < 0) throw new IOException("llistxattr " + p + ": errno " + Native.getLastError());
        var out = new TreeMap<String, String>();
        if (size == 0) return "";
        Memory list = new Memory(size);
        size = LIBC.llistxattr(p, list, size);
        if (size < 0) throw new IOException("llistxattr " + p + ": errno " + Native.getLastError());
        String names = new String(list.getByteArray(0, (int) size), StandardCharsets.UTF_8);
        for (String name : names.split("\0")) {
            if (name.isEmpty()) continue;
            long n = LIBC.lgetxattr(p, name, null, 0);
            if (n < 0) throw new IOException("lgetxattr " + p + " " + name + ": errno " + Native.getLastError());
            Memory value = new Memory(Math.max(1, n));
            n = LIBC.lgetxattr(p, name, value, n);
            out.put(name, n <= 0 ? "" : HexFormat.of().formatHex(value.getByteArray(0, (int) n)));
        }
        return out.toString();
    }
}
