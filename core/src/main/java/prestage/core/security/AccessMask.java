package prestage.core.security;

import java.util.ArrayList;
import java.util.List;

/** Helpers for 32-bit access masks: naming their bits, the file generic mapping, the hex form tools print. */
public final class AccessMask {
    private AccessMask() {
    }

    /** {@code 0x0012008d}: eight digits, as smbcacls and ntfs-3g print masks. */
    public static String hex(int mask) {
        return String.format("0x%08x", mask);
    }

    /** Every named right whose bits are all in {@code mask}, composites included (the cacls listing). */
    public static List<AccessRight> containedRights(int mask) {
        var out = new ArrayList<AccessRight>();
        for (AccessRight r : AccessRight.values()) if (r.in(mask)) out.add(r);
        return out;
    }

    /** The single-bit rights in {@code mask}, then any bits no right names as {@code 0x...}: no bit goes unmentioned. */
    public static List<String> bitNames(int mask) {
        var out = new ArrayList<String>();
        int named = 0;
        for (AccessRight r : AccessRight.values()) {
            if (r.kind() != AccessRight.Kind.COMPOSITE && r.in(mask)) {
                out.add(r.name());
                named |= r.mask();
            }
        }
        int rest = mask & ~named;
        if (rest != 0) out.add(String.format("0x%x", rest));
        return out;
    }

    /** Replaces GENERIC_* bits with the file rights they stand for (FILE_GENERIC_MAPPING), as Windows does on access checks. */
    public static int mapGeneric(int mask) {
        int m = mask;
        if ((m & AccessRight.GENERIC_READ.mask()) != 0) m |= AccessRight.FILE_GENERIC_READ.mask();
        if ((m & AccessRight.GENERIC_WRITE.mask()) != 0) m |= AccessRight.FILE_GENERIC_WRITE.mask();
        if ((m & AccessRight.GENERIC_EXECUTE.mask()) != 0) m |= AccessRight.FILE_GENERIC_EXECUTE.mask();
        if ((m & AccessRight.GENERIC_ALL.mask()) != 0) m |= AccessRight.FILE_ALL_ACCESS;
        return m & ~0xF000_0000;
    }
}
