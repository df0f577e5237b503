package prestage.core.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import prestage.core.Context;

/**
 * Gives a file prestage just created the descriptor Windows would have given it: the ACEs its folder passes
 * on. Windows does this by itself; a Samba-style folder never does (only smbd would, for files created
 * through it), and ntfs-3g only with {@code -o inherit} and a user mapping. Without this, a pushed image
 * would carry no NT ACL, or Everyone:Full, until the next {@code acl apply}.
 */
public final class NewFileSecurity {
    private NewFileSecurity() {
    }

    /** Writes the inherited descriptor on {@code file} when its folder has one; warns instead of failing the step. */
    public static void inherit(Context ctx, Path file) {
        if (ctx.whatIf()) return;
        try {
            SecurityBackend backend = ctx.target().security();
            if (backend.propagatesInheritance()) return;
            Optional<SecurityDescriptor> parent = backend.read(file.getParent());
            if (parent.isEmpty() || parent.get().dacl() == null) return;
            Optional<SecurityDescriptor> current = backend.read(file);
            Sid owner = current.map(SecurityDescriptor::owner).orElse(backend.defaultOwner());
            Sid group = current.map(SecurityDescriptor::group).orElse(backend.defaultGroup());
            var desired = Inheritance.forNewChild(parent.get(), Files.isDirectory(file), owner, group);
            if (current.isPresent() && current.get().sameStructure(desired)) return;
            backend.write(file, desired).forEach(loss -> ctx.warn(ctx.target().clientPath(file) + ": " + loss));
        } catch (IOException | RuntimeException e) {
            ctx.warn("cannot give " + ctx.target().clientPath(file) + " the ACL of its folder: " + e.getMessage()
                    + " (run acl apply on the folder)");
        }
    }
}
