package prestage.core.client.local.registry;

import java.io.IOException;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The parts of libhivex (Debian package libhivex0) prestage calls. Node and value handles and lengths are
 * {@code size_t} (a Java long: only 64-bit JVMs are supported), 0 meaning none; strings and arrays it
 * returns are malloc'd and must be freed.
 */
interface Libhivex extends Library {
    int OPEN_WRITE = 4;

    Pointer hivex_open(String filename, int flags);

    int hivex_close(Pointer h);

    int hivex_commit(Pointer h, String filename, int flags);

    long hivex_root(Pointer h);

    Pointer hivex_node_name(Pointer h, long node);

    Pointer hivex_node_children(Pointer h, long node);

    long hivex_node_get_child(Pointer h, long node, String name);

    long hivex_node_add_child(Pointer h, long parent, String name);

    int hivex_node_delete_child(Pointer h, long node);

    Pointer hivex_node_values(Pointer h, long node);

    Pointer hivex_value_key(Pointer h, long value);

    Pointer hivex_value_value(Pointer h, long value, IntByReference type, LongByReference len);

    int hivex_node_set_values(Pointer h, long node, long count, SetValue values, int flags);

    /** {@code hive_set_value}: {@code char *key; hive_type t; size_t len; char *value;}. */
    @Structure.FieldOrder({"key", "t", "len", "value"})
    class SetValue extends Structure {
        public Pointer key;
        public int t;
        public long len;
        public Pointer value;
    }

    /** Loads the library on first use, so machines without it fail only when they reach a hive. */
    static Libhivex get() throws IOException {
        return Loader.lib();
    }

    final class Loader {
        private static Libhivex lib;
        private static String failure;

        private Loader() {
        }

        static synchronized Libhivex lib() throws IOException {
            if (lib == null && failure == null) {
                if (Native.SIZE_T_SIZE != 8) {
                    failure = "offline hives need a 64-bit JVM (libhivex handles are size_t)";
                } else {
                    try {
                        // hivex takes and returns UTF-8 names whatever the JVM's locale is
                        prestage.core.client.local.platform.Libc.prepareJna();
                        lib = Native.load("libhivex.so.0", Libhivex.class,
                                java.util.Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
                    } catch (UnsatisfiedLinkError e) {
                        failure = "cannot load libhivex.so.0 (" + e.getMessage().lines().findFirst().orElse("")
                                + "): install it (Debian/Ubuntu: apt-get install libhivex0) to read and write offline hives";
                    }
                }
            }
            if (lib == null) throw new IOException(failure);
            return lib;
        }
    }
}
