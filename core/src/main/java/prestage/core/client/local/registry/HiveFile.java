package prestage.core.client.local.registry;

import prestage.core.registry.HiveCheck;
import prestage.core.registry.RegValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

import prestage.core.BadInputException;

/**
 * An open hive through libhivex. Opened for writing, hivex works on a copy in memory; nothing reaches the disk
 * until {@link #commitTo}. Hivex handles are not thread-safe: one HiveFile per thread.
 */
final class HiveFile implements AutoCloseable {
    private final Libhivex lib;
    private final Path path;
    private Pointer h;

    private HiveFile(Libhivex lib, Path path, Pointer h) {
        this.lib = lib;
        this.path = path;
        this.h = h;
    }

    static HiveFile open(Path path, boolean writable) throws IOException {
        HiveCheck.check(path, writable);
        Libhivex lib = Libhivex.get();
        Native.setLastError(0);
        Pointer h = lib.hivex_open(path.toString(), writable ? Libhivex.OPEN_WRITE : 0);
        if (h == null) {
            throw new BadInputException("the hive " + path + " cannot be opened: " + errno() + "; check the file is a "
                    + "registry hive, nothing was changed");
        }
        return new HiveFile(lib, path, h);
    }

    long root() {
        long root = lib.hivex_root(h);
        if (root == 0) throw damaged("reading the root key");
        return root;
    }

    /** The child named {@code name} (any case), or 0 when there is none. */
    long child(long node, String name) {
        Native.setLastError(0);
        long child = lib.hivex_node_get_child(h, node, name);
        if (child == 0 && Native.getLastError() != 0) throw damaged("looking up key " + name);
        return child;
    }

    List<Long> children(long node) {
        Pointer list = lib.hivex_node_children(h, node);
        if (list == null) throw damaged("listing subkeys");
        return handles(list);
    }

    String name(long node) {
        return string(lib.hivex_node_name(h, node), "reading a key name");
    }

    List<RegValue> values(long node) {
        Pointer list = lib.hivex_node_values(h, node);
        if (list == null) throw damaged("listing values");
        var out = new ArrayList<RegValue>();
        for (long v : handles(list)) {
            String name = string(lib.hivex_value_key(h, v), "reading a value name");
            IntByReference type = new IntByReference();
            LongByReference len = new LongByReference();
            Pointer data = lib.hivex_value_value(h, v, type, len);
            if (data == null) throw damaged("reading value " + name);
            try {
                out.add(new RegValue(name, type.getValue(), data.getByteArray(0, Math.toIntExact(len.getValue()))));
            } finally {
                Native.free(Pointer.nativeValue(data));
            }
        }
        return out;
    }

    long addChild(long parent, String name) throws IOException {
        long child = lib.hivex_node_add_child(h, parent, name);
        if (child == 0) throw new IOException("cannot add key " + name + " to the hive " + path + ": " + errno());
        return child;
    }

    void deleteNode(long node) throws IOException {
        if (lib.hivex_node_delete_child(h, node) != 0) {
            throw new IOException("cannot delete a key in the hive " + path + ": " + errno());
        }
    }

    /** Replaces every value of {@code node}: hivex has no call that removes a single value. */
    void setValues(long node, List<RegValue> values) throws IOException {
        Libhivex.SetValue first = new Libhivex.SetValue();
        Libhivex.SetValue[] array = values.isEmpty() ? new Libhivex.SetValue[] {first}
                : (Libhivex.SetValue[]) first.toArray(values.size());
        var keep = new ArrayList<Memory>(); // the native strings must outlive the call
        for (int i = 0; i < values.size(); i++) {
            RegValue v = values.get(i);
            array[i].key = cString(v.name(), keep);
            array[i].t = v.type();
            byte[] data = v.data();
            array[i].len = data.length;
            Memory m = new Memory(Math.max(1, data.length));
            m.write(0, data, 0, data.length);
            keep.add(m);
            array[i].value = m;
            array[i].write();
        }
        if (lib.hivex_node_set_values(h, node, values.size(), array[0], 0) != 0) {
            throw new IOException("cannot write values to the hive " + path + ": " + errno());
        }
        keep.clear();
    }

    /** Writes the whole hive, with the edits made so far, to {@code target}. */
    void commitTo(Path target) throws IOException {
        if (lib.hivex_commit(h, target.toString(), 0) != 0) {
            throw new IOException("cannot write the hive to " + target + ": " + errno());
        }
    }

    @Override
    public void close() {
        if (h != null) {
            lib.hivex_close(h);
            h = null;
        }
    }

    private List<Long> handles(Pointer list) {
        var out = new ArrayList<Long>();
        try {
            for (int i = 0; ; i++) {
                long handle = list.getLong(8L * i);
                if (handle == 0) return out;
                out.add(handle);
            }
        } finally {
            Native.free(Pointer.nativeValue(list));
        }
    }

    private String string(Pointer p, String doing) {
        if (p == null) throw damaged(doing);
        try {
            return p.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            Native.free(Pointer.nativeValue(p));
        }
    }

    private static Memory cString(String s, List<Memory> keep) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(utf8.length + 1L);
        m.write(0, utf8, 0, utf8.length);
        m.setByte(utf8.length, (byte) 0);
        keep.add(m);
        return m;
    }

    private BadInputException damaged(String doing) {
        return new BadInputException("the hive " + path + " is damaged (libhivex failed " + doing + ": " + errno()
                + "); restore it from a backup, nothing was changed");
    }

    private static String errno() {
        int e = Native.getLastError();
        return e == 0 ? "unknown error" : LibC.INSTANCE.strerror(e) + " (errno " + e + ")";
    }

    private interface LibC extends Library {
        LibC INSTANCE = prestage.core.client.local.platform.Libc.load(LibC.class);

        String strerror(int errnum);
    }
}
