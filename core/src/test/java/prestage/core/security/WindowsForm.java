package prestage.core.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Samba 4.17 and ntfs-3g leave generic rights in inherited ACEs (and keep a generic, still inheritable ACE as one
 * ACE) where Windows maps them to file rights and splits off an inherit-only copy, which is what Inheritance
 * computes. Both grant the same; this rewrites their form into Windows' so everything else compares exactly.
 */
final class WindowsForm {
    private WindowsForm() {
    }

    static List<Ace> of(List<Ace> aces) {
        var out = new ArrayList<Ace>();
        for (Ace a : aces) {
            int mapped = AccessMask.mapGeneric(a.mask());
            if (a.isInheritOnly() || mapped == a.mask()) {
                out.add(a);
            } else {
                out.add(a.withFlags(a.flags() & ~AceFlag.INHERITANCE_MASK).withMask(mapped));
                if ((a.flags() & (AceFlag.OBJECT_INHERIT.bit() | AceFlag.CONTAINER_INHERIT.bit())) != 0) {
                    out.add(a.withFlags(a.flags() | AceFlag.INHERIT_ONLY.bit()));
                }
            }
        }
        return out;
    }
}
