package prestage.core.client.local.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Binds the C library, and readies JNA for libraries named by their sonames. */
public final class Libc {
    private static final String SEARCH_PATH = "jna.platform.library.path";

    private Libc() {
    }

    /**
     * Unless told a search path, JNA runs {@code ldconfig -p} in a child process to make one the first time it opens a
     * library: a fork and some 40 ms on every start that locks a store. prestage opens libraries by soname only
     * ({@code libc.so.6}, {@code libhivex.so.0}), which the dynamic loader finds without it. Call before the first load.
     */
    public static void prepareJna() {
        if (System.getProperty(SEARCH_PATH) == null) System.setProperty(SEARCH_PATH, "");
    }

    /** By its soname, which glibc systems have; else as plain "c", which JNA tries under the usual names. */
    public static <T extends Library> T load(Class<T> api) {
        prepareJna();
        try {
            return Native.load("libc.so.6", api);
        } catch (UnsatisfiedLinkError e) {
            return Native.load("c", api);
        }
    }
}
