package prestage.core.acl;

import java.io.IOException;
import java.util.Optional;

import prestage.core.run.Context;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.security.Inheritance;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.Sid;

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
    public static void inherit(Context ctx, ClientPath file) {
        if (ctx.whatIf()) return;
        Client client = ctx.client();
        try {
            if (client.propagatesInheritance()) return;
            Optional<SecurityDescriptor> parent = client.readSecurity(file.parent());
            if (parent.isEmpty() || parent.get().dacl() == null) return;
            Optional<SecurityDescriptor> current = client.readSecurity(file);
            Sid owner = current.map(SecurityDescriptor::owner).orElse(client.defaultOwner());
            Sid group = current.map(SecurityDescriptor::group).orElse(client.defaultGroup());
            boolean folder = client.stat(file).map(FileEntry::isFolder).orElse(false);
            var desired = Inheritance.forNewChild(parent.get(), folder, owner, group);
            if (current.isPresent() && current.get().sameStructure(desired)) return;
            client.writeSecurity(file, desired).forEach(loss -> ctx.warn(file + ": " + loss));
        } catch (IOException | RuntimeException e) {
            ctx.warn("cannot give " + file + " the ACL of its folder: " + e.getMessage()
                    + " (run acl apply on the folder)");
        }
    }
}
