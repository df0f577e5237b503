package prestage.core.client.local.security;

import prestage.core.security.Acl;
import prestage.core.security.SecurityBackend;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.SelfRelativeDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.PointerByReference;

/**
 * Live Windows: GetNamedSecurityInfo / SetNamedSecurityInfo on the path. Windows keeps the inherited ACEs
 * itself (setting a DACL recomputes them from the parent and propagates to the children), so only the
 * explicit ACEs are handed over, with the protected or unprotected flag.
 */
public final class WindowsSecurityBackend implements SecurityBackend {
    private static final int OWNER = WinNT.OWNER_SECURITY_INFORMATION;
    private static final int GROUP = WinNT.GROUP_SECURITY_INFORMATION;
    private static final int DACL = WinNT.DACL_SECURITY_INFORMATION;

    @Override
    public String describe() {
        return "the Windows security API";
    }

    @Override
    public boolean propagatesInheritance() {
        return true;
    }

    @Override
    public Optional<SecurityDescriptor> read(Path path) throws IOException {
        var sd = new PointerByReference();
        int rc = Advapi32.INSTANCE.GetNamedSecurityInfo(path.toString(), AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                OWNER | GROUP | DACL, null, null, null, null, sd);
        if (rc != WinError.ERROR_SUCCESS) throw failure("read the security of", path, rc);
        try {
            int length = Advapi32.INSTANCE.GetSecurityDescriptorLength(sd.getValue());
            return Optional.of(SelfRelativeDescriptor.decode(sd.getValue().getByteArray(0, length)));
        } finally {
            Kernel32.INSTANCE.LocalFree(sd.getValue());
        }
    }

    @Override
    public List<String> write(Path path, SecurityDescriptor descriptor) throws IOException {
        Acl explicit = Acl.of(descriptor.dacl() == null ? List.of() : descriptor.dacl().explicitAces());
        SecurityDescriptor sd = new SecurityDescriptor(descriptor.control(), descriptor.owner(), descriptor.group(), null, explicit);
        byte[] bytes = SelfRelativeDescriptor.encode(sd);
        Memory mem = new Memory(bytes.length);
        mem.write(0, bytes, 0, bytes.length);
        int info = DACL | (descriptor.isDaclProtected() ? WinNT.PROTECTED_DACL_SECURITY_INFORMATION
                : WinNT.UNPROTECTED_DACL_SECURITY_INFORMATION);
        Pointer owner = pointerAt(mem, 4);
        Pointer group = pointerAt(mem, 8);
        if (owner != null) info |= OWNER;
        if (group != null) info |= GROUP;
        int rc = Advapi32.INSTANCE.SetNamedSecurityInfo(path.toString(), AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT, info,
                owner, group, pointerAt(mem, 16), null);
        if (rc != WinError.ERROR_SUCCESS) throw failure("set the security of", path, rc);
        return List.of();
    }

    /** The part of the self-relative descriptor an offset in its header points at, or null when the offset is 0. */
    private static Pointer pointerAt(Memory mem, int headerOffset) {
        int offset = mem.getInt(headerOffset);
        return offset == 0 ? null : mem.share(offset);
    }

    private static IOException failure(String what, Path path, int rc) {
        return new IOException("cannot " + what + " " + path + ": " + Kernel32Util.formatMessage(rc).strip() + " (error " + rc + ")");
    }
}
