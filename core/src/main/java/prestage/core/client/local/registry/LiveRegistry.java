package prestage.core.client.local.registry;

import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RegistryKeyPath;
import prestage.core.registry.RegistryView;
import prestage.core.registry.RootKey;
import prestage.core.registry.Wow64Redirection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;

/**
 * The registry of the Windows machine prestage runs on, through jna-platform. The view is chosen with
 * {@code KEY_WOW64_32KEY} / {@code KEY_WOW64_64KEY} and Windows applies its own redirection rules, so no
 * WOW6432Node path is built here except for messages. Edits are applied one by one: the registry has no
 * transaction prestage could use across keys.
 */
final class LiveRegistry implements RegistryBackend {

    @Override
    public String describe() {
        return "the registry of this Windows machine";
    }

    /**
     * Asked of Windows, not of the environment: a 64-bit process runs only on 64-bit Windows, and a 32-bit one is
     * told by IsWow64Process whether Windows runs it under WOW64 (that is, is 64-bit).
     */
    @Override
    public Bitness bitness() {
        if (com.sun.jna.Native.POINTER_SIZE == 8) return Bitness.X64;
        IntByReference wow64 = new IntByReference();
        var kernel = com.sun.jna.platform.win32.Kernel32.INSTANCE;
        boolean asked = kernel.IsWow64Process(kernel.GetCurrentProcess(), wow64);
        return asked && wow64.getValue() != 0 ? Bitness.X64 : Bitness.X86;
    }

    @Override
    public boolean redirectsItself() {
        return true;
    }

    @Override
    public List<RegLocation> locate(RegistryKeyPath key, RegistryView view) {
        RegistryKeyPath shownAs = Wow64Redirection.locate(key, view, bitness()).get(0);
        return List.of(new RegLocation(key, view, shownAs));
    }

    @Override
    public Optional<List<RegValue>> values(RegLocation at) throws IOException {
        Optional<WinReg.HKEY> key = open(at, WinNT.KEY_READ);
        if (key.isEmpty()) return Optional.empty();
        try {
            return Optional.of(readValues(key.get(), at));
        } finally {
            Advapi32Util.registryCloseKey(key.get());
        }
    }

    @Override
    public List<String> subkeys(RegLocation at) throws IOException {
        Optional<WinReg.HKEY> key = open(at, WinNT.KEY_READ);
        if (key.isEmpty()) return List.of();
        try {
            return Arrays.asList(Advapi32Util.registryGetKeys(key.get()));
        } finally {
            Advapi32Util.registryCloseKey(key.get());
        }
    }

    @Override
    public void apply(List<RegEdit> edits) throws IOException {
        for (RegEdit edit : edits) {
            if (edit instanceof RegEdit.SetValue set) setValue(set.at(), set.value());
            else if (edit instanceof RegEdit.DeleteValue del) deleteValue(del.at(), del.name());
            else if (edit instanceof RegEdit.DeleteKey del) deleteTree(del.at());
        }
    }

    private void setValue(RegLocation at, RegValue v) throws IOException {
        var created = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegCreateKeyEx(root(at), subPath(at), 0, null, WinNT.REG_OPTION_NON_VOLATILE,
                WinNT.KEY_WRITE | WinNT.KEY_READ | wow(at), null, created, new IntByReference());
        check(rc, "create", at);
        try {
            byte[] data = v.data();
            check(Advapi32.INSTANCE.RegSetValueEx(created.getValue(), v.name(), 0, v.type(), data, data.length), "write a value in", at);
        } finally {
            Advapi32Util.registryCloseKey(created.getValue());
        }
    }

    private void deleteValue(RegLocation at, String name) throws IOException {
        Optional<WinReg.HKEY> key = open(at, WinNT.KEY_SET_VALUE);
        if (key.isEmpty()) return;
        try {
            int rc = Advapi32.INSTANCE.RegDeleteValue(key.get(), name);
            if (rc != WinError.ERROR_FILE_NOT_FOUND) check(rc, "delete a value in", at);
        } finally {
            Advapi32Util.registryCloseKey(key.get());
        }
    }

    /** Children first: RegDeleteKeyEx removes only a key without subkeys. */
    private void deleteTree(RegLocation at) throws IOException {
        for (String child : subkeys(at)) deleteTree(at.child(child));
        if (at.key().isRoot()) throw new IOException("cannot delete the root key " + at.key());
        try {
            RegistryKeyPath parent = at.key().parent();
            Advapi32Util.registryDeleteKey(rootKey(at.key().root()), String.join("\\", parent.names()), at.key().leaf(), wow(at));
        } catch (com.sun.jna.platform.win32.Win32Exception e) {
            if (e.getErrorCode() != WinError.ERROR_FILE_NOT_FOUND) throw new IOException("cannot delete " + at.describe() + ": " + e.getMessage(), e);
        }
    }

    private List<RegValue> readValues(WinReg.HKEY key, RegLocation at) throws IOException {
        Advapi32Util.InfoKey info = Advapi32Util.registryQueryInfoKey(key, 0);
        var out = new ArrayList<RegValue>();
        for (int i = 0; i < info.lpcValues.getValue(); i++) {
            char[] name = new char[info.lpcMaxValueNameLen.getValue() + 1];
            byte[] data = new byte[Math.max(1, info.lpcMaxValueLen.getValue())];
            var nameLen = new IntByReference(name.length);
            var dataLen = new IntByReference(data.length);
            var type = new IntByReference();
            int rc = Advapi32.INSTANCE.RegEnumValue(key, i, name, nameLen, null, type, data, dataLen);
            if (rc == WinError.ERROR_NO_MORE_ITEMS) break;
            check(rc, "read the values of", at);
            out.add(new RegValue(new String(name, 0, nameLen.getValue()), type.getValue(), Arrays.copyOf(data, dataLen.getValue())));
        }
        return out;
    }

    private Optional<WinReg.HKEY> open(RegLocation at, int access) throws IOException {
        var ref = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(at), subPath(at), 0, access | wow(at), ref);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) return Optional.empty();
        check(rc, "open", at);
        return Optional.of(ref.getValue());
    }

    private static void check(int rc, String doing, RegLocation at) throws IOException {
        if (rc != W32Errors.ERROR_SUCCESS) {
            String why = rc == WinError.ERROR_ACCESS_DENIED ? "access denied (run prestage as an administrator)" : "Windows error " + rc;
            throw new IOException("cannot " + doing + " " + at.describe() + ": " + why);
        }
    }

    private static int wow(RegLocation at) {
        return switch (at.view()) {
            case NATIVE -> 0;
            case BITS_32 -> WinNT.KEY_WOW64_32KEY;
            case BITS_64 -> WinNT.KEY_WOW64_64KEY;
        };
    }

    private static WinReg.HKEY root(RegLocation at) {
        return rootKey(at.key().root());
    }

    private static String subPath(RegLocation at) {
        return String.join("\\", at.key().names());
    }

    private static WinReg.HKEY rootKey(RootKey root) {
        return switch (root) {
            case HKEY_LOCAL_MACHINE -> WinReg.HKEY_LOCAL_MACHINE;
            case HKEY_CURRENT_USER -> WinReg.HKEY_CURRENT_USER;
            case HKEY_CLASSES_ROOT -> WinReg.HKEY_CLASSES_ROOT;
            case HKEY_USERS -> WinReg.HKEY_USERS;
            case HKEY_CURRENT_CONFIG -> WinReg.HKEY_CURRENT_CONFIG;
        };
    }
}
