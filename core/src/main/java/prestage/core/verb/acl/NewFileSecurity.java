package prestage.core.verb.acl;

import java.io.IOException;
import java.util.Optional;

import prestage.core.verb.Context;
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

    /**
     * Writes the inherited descriptor on {@code file}, which this run has just created, when its folder has one; warns
     * instead of failing the step. The owner and group are the client's defaults where it has them (what Windows gives
     * an administrator's new files), so the result does not depend on what the client's driver made up. Under what-if
     * nothing is written: the plan learns the descriptor, so later steps see what the real run would.
     */
    public static void inherit(Context ctx, ClientPath file) {
        Client client = ctx.client();
        try {
            if (client.propagatesInheritance()) return;
            Optional<SecurityDescriptor> parent = ctx.whatIf() && ctx.plan().plannedSecurity(file.parent()).isPresent()
                    ? ctx.plan().plannedSecurity(file.parent())
                    : ctx.whatIf() && ctx.plan().willExist(file.parent()) ? Optional.empty() : client.readSecurity(file.parent());
            if (parent.isEmpty() || parent.get().dacl() == null) return;
            Optional<SecurityDescriptor> current = ctx.whatIf() ? Optional.empty() : client.readSecurity(file);
            Sid owner = client.defaultOwner() != null ? client.defaultOwner() : current.map(SecurityDescriptor::owner).orElse(null);
            Sid group = client.defaultGroup() != null ? client.defaultGroup() : current.map(SecurityDescriptor::group).orElse(null);
            boolean folder = ctx.whatIf() ? !ctx.plan().willExistIn(file).isEmpty() || !file.name().contains(".")
                    : client.stat(file).map(FileEntry::isFolder).orElse(false);
            var desired = Inheritance.forNewChild(parent.get(), folder, owner, group);
            if (ctx.whatIf()) {
                ctx.plan().willHaveSecurity(file, desired);
                return;
            }
            if (current.isPresent() && current.get().sameStructure(desired)) return;
            client.writeSecurity(file, desired).forEach(loss -> ctx.warn(file + ": " + loss));
        } catch (IOException | RuntimeException e) {
            ctx.warn("cannot give " + file + " the ACL of its folder: " + e.getMessage()
                    + " (run acl apply on the folder)");
        }
    }
}
