package prestage.core.verb.acl;

import prestage.core.OptionWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import prestage.core.BadInputException;
import prestage.core.verb.Context;
import prestage.core.client.Client;
import prestage.core.client.ClientPath;
import prestage.core.client.FileEntry;
import prestage.core.outcome.Step;
import prestage.core.security.Ace;
import prestage.core.security.AceType;
import prestage.core.security.Acl;
import prestage.core.security.AclArgument;
import prestage.core.security.AclDiff;
import prestage.core.security.AclExpectation;
import prestage.core.security.AclSpec;
import prestage.core.security.CaclsListing;
import prestage.core.security.CanonicalOrder;
import prestage.core.security.ControlFlag;
import prestage.core.security.DescriptorJson;
import prestage.core.security.IcaclsNotation;
import prestage.core.security.Inheritance;
import prestage.core.security.Sddl;
import prestage.core.security.SecurityDescriptor;
import prestage.core.security.SecurityFormatException;
import prestage.core.security.Sid;

/**
 * The {@code acl} verb: show, apply, diff. The ACL argument is parsed and checked in full before anything is
 * read or written; {@code apply} compares first and writes only what differs (so a second run is {@code ok}),
 * honours what-if, and, where the platform does not do it itself, recomputes the inherited ACEs of everything
 * below the path, as Windows does when a DACL is set.
 */
public record AclVerb(Context ctx) {

    // ------------------------------------------------------------------ apply

    /** {@code force} also writes a DACL that grants nobody anything (see {@link #requireSomeoneGetsIn}). */
    public Step apply(AclApplyRequest request) {
        String path = request.path();
        String acl = request.acl();
        Boolean protect = request.protect();
        boolean force = request.force();
        AclSpec spec = AclArgument.parse(acl);
        ClientPath local = existing(path, "apply");
        String subject = local.toString();
        Client backend = ctx.client();
        boolean isDir = planned(local) ? plannedFolder(local) : isFolder(local);
        if (!spec.inheritedAces().isEmpty()) {
            ctx.warn("acl apply " + subject + ": " + spec.inheritedAces().size()
                    + " ACE(s) marked inherited (ID / (I)) in the ACL are ignored: inherited ACEs come from the parent folder");
        }
        CanonicalOrder.problem(new Acl(Acl.REVISION, spec.descriptor().dacl().explicitAces())).ifPresent(p ->
                ctx.warn("acl apply " + subject + ": the ACL is not in canonical order (" + p + "); it is applied in canonical order"));
        try {
            SecurityDescriptor current = readForUpdate(backend, local, subject);
            boolean isProtected = protect != null ? protect
                    : spec.protect() != null ? spec.protect()
                    : current != null && current.isDaclProtected() && !protectedByNoWindowsTool(current);
            SecurityDescriptor parent = isProtected || backend.propagatesInheritance() ? null : parentDescriptor(backend, local);
            SecurityDescriptor desired = desired(spec, isProtected, current, parent, backend.defaultOwner(), backend.defaultGroup(), isDir);
            if (!force && (isProtected || !backend.propagatesInheritance())) requireSomeoneGetsIn(desired, subject, acl);
            AclExpectation expectation = backend.propagatesInheritance()
                    ? new AclExpectation(desired.dacl().explicitAces(), isProtected, spec.descriptor().owner(), spec.descriptor().group(), null)
                    : AclExpectation.exactly(desired);
            AclDiff diff = AclDiff.between(current, expectation);
            List<ChildUpdate> children = new ArrayList<>();
            if (isDir && !backend.propagatesInheritance()) planChildren(backend, local, desired, children);
            long resets = children.stream().filter(ChildUpdate::reset).count();
            if (resets > 0) {
                ctx.warn("acl apply " + subject + ": " + resets + " item(s) inside had a protected DACL that no Windows tool set "
                        + "(ntfs-3g derives such ACLs from POSIX modes); " + (ctx.whatIf() ? "they would" : "they now") + " inherit from " + subject);
            }

            var result = new AclApplied(subject, backend.securityStore(), isProtected, spec.notation(), sddlOrNull(desired),
                    current == null ? null : sddlOrNull(current), diff.lines(), !diff.inDesiredState(), children, ctx.whatIf());
            if (!result.changes()) return ctx.record(AclWording.applied(result));
            if (ctx.whatIf()) {
                // later steps of this what-if run see what this one would have written
                if (!diff.inDesiredState()) ctx.plan().willHaveSecurity(local, desired);
                children.forEach(c -> ctx.plan().willHaveSecurity(c.path(), c.next()));
                return ctx.record(AclWording.applied(result));
            }
            // what a store cannot express is the same for every item; say it once
            var notes = new LinkedHashSet<String>();
            try {
                if (!diff.inDesiredState()) write(backend, local, desired, notes);
                for (ChildUpdate child : children) {
                    try {
                        write(backend, child.path, child.next, notes);
                    } catch (IOException e) {
                        return ctx.record(AclWording.childNotUpdated(result, child.path(), e.getMessage()));
                    }
                }
            } finally {
                notes.forEach(n -> ctx.warn("acl apply " + subject + ": " + n));
            }
            return ctx.record(AclWording.applied(result));
        } catch (IOException e) {
            return ctx.record(AclWording.cannotApply(subject, backend.securityStore(), e.getMessage()));
        }
    }

    /**
     * An empty DACL ({@code D:}, or only deny entries) is not "no restrictions" (that is a NULL DACL) but the
     * opposite: Windows grants no one anything, SYSTEM and Administrators included, and only the owner can still
     * reopen it. Almost always a typo or a truncated ACL, so it takes --force.
     */
    private static void requireSomeoneGetsIn(SecurityDescriptor desired, String subject, String acl) {
        boolean grants = desired.dacl() == null || desired.dacl().aces().stream()
                .anyMatch(a -> a.type().isAllow() && !a.isInheritOnly() && a.mask() != 0);
        if (!grants) {
            throw new BadInputException("acl apply " + subject + ": the ACL '" + acl + "' leaves " + subject + " with a DACL that "
                    + "grants no one access: an empty DACL locks everyone out, SYSTEM and Administrators included (only the "
                    + "owner could still change it); give " + OptionWords.on("force") + " if that is what you want");
        }
    }

    private void write(Client backend, ClientPath local, SecurityDescriptor sd, Set<String> notes) throws IOException {
        notes.addAll(backend.writeSecurity(local, sd));
    }

    /** The current descriptor; an unreadable one is reported and then treated as absent, since it is being replaced. */
    private SecurityDescriptor readForUpdate(Client backend, ClientPath local, String subject) throws IOException {
        var planned = plannedSecurity(local);
        if (planned.isPresent()) return planned.get();
        if (planned(local)) return null;
        try {
            return backend.readSecurity(local).orElse(null);
        } catch (SecurityFormatException e) {
            ctx.warn("acl " + subject + ": the stored descriptor is unreadable and is replaced (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The parent's descriptor, when the parent is on the target and has one; null otherwise. */
    private SecurityDescriptor parentDescriptor(Client backend, ClientPath local) {
        if (local.isRoot()) return null;
        ClientPath parent = local.parent();
        var plannedParent = plannedSecurity(parent);
        if (plannedParent.isPresent()) return plannedParent.get();
        if (planned(parent)) return null;
        try {
            return backend.readSecurity(parent).orElse(null);
        } catch (IOException | SecurityFormatException e) {
            ctx.warn("acl: the descriptor of the parent folder " + parent
                    + " cannot be read, so no inherited ACEs are computed from it (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * The descriptor {@code path} should end up with: the ACL's explicit ACEs in canonical order, then (unless
     * protected) what the parent passes on; when the parent's descriptor is unknown, the inherited ACEs already
     * there are kept, as the parent decides them. Owner and group: the ACL's, else the current ones, else the store's default.
     */
    static SecurityDescriptor desired(AclSpec spec, boolean isProtected, SecurityDescriptor current, SecurityDescriptor parent,
                                      Sid defaultOwner, Sid defaultGroup, boolean isDir) {
        Sid owner = firstNonNull(spec.descriptor().owner(), current == null ? null : current.owner(), defaultOwner);
        Sid group = firstNonNull(spec.descriptor().group(), current == null ? null : current.group(), defaultGroup);
        var aces = new ArrayList<>(spec.explicitAces());
        if (!isProtected) {
            if (parent != null) aces.addAll(Inheritance.inheritedAces(parent.dacl(), isDir, owner, group));
            else if (current != null && current.dacl() != null) aces.addAll(current.dacl().inheritedAces());
        }
        int control = ControlFlag.DACL_PRESENT.bit() | ControlFlag.DACL_AUTO_INHERITED.bit()
                | (isProtected ? ControlFlag.DACL_PROTECTED.bit() : 0);
        Acl sacl = null;
        if (current != null && current.sacl() != null) {
            sacl = current.sacl();
            int saclBits = ControlFlag.SACL_AUTO_INHERIT_REQ.bit() | ControlFlag.SACL_AUTO_INHERITED.bit() | ControlFlag.SACL_PROTECTED.bit();
            control |= current.control() & saclBits;
        }
        return new SecurityDescriptor(control, owner, group, sacl, Acl.of(aces));
    }

    private static Sid firstNonNull(Sid... sids) {
        for (Sid s : sids) if (s != null) return s;
        return null;
    }

    /** @param reset the child's protected DACL was not one a Windows tool set, and it now inherits instead */
    record ChildUpdate(ClientPath path, SecurityDescriptor current, SecurityDescriptor next, boolean reset) {
    }

    /**
     * A protected DACL without DACL_AUTO_INHERITED was set by no Windows tool (Windows marks every DACL it sets
     * auto-inherited): ntfs-3g derives such descriptors from POSIX modes for files created from Linux. Those are
     * reset to inherit, as Windows' "replace all child permission entries" would; deliberately protected items
     * (protected and auto-inherited) and everything below them are left alone.
     */
    static boolean protectedByNoWindowsTool(SecurityDescriptor sd) {
        return sd != null && sd.isDaclProtected() && !sd.has(ControlFlag.DACL_AUTO_INHERITED);
    }

    /** Walks below {@code dir} (symlinks not followed; deliberately protected items and what is below them left alone). */
    private void planChildren(Client backend, ClientPath dir, SecurityDescriptor dirDescriptor, List<ChildUpdate> out) throws IOException {
        var entries = new java.util.TreeMap<String, FileEntry.Type>(String.CASE_INSENSITIVE_ORDER);
        if (!planned(dir)) {
            for (FileEntry e : backend.list(dir)) {
                if (e.type() == FileEntry.Type.LINK) {
                    ctx.warn("acl apply: " + dir.resolve(e.name()) + " is a link; links are not followed, so it gets no ACL");
                } else if (e.isFolder() || e.isFile()) {
                    entries.put(e.name(), e.type());
                }
            }
        }
        for (ClientPath p : ctx.plan().willExistIn(dir)) {
            if (planned(p)) entries.put(p.name(), plannedFolder(p) ? FileEntry.Type.FOLDER : FileEntry.Type.FILE);
        }
        for (var e : entries.entrySet()) {
            ClientPath child = dir.resolve(e.getKey());
            boolean childIsDir = e.getValue() == FileEntry.Type.FOLDER;
            SecurityDescriptor current = readForUpdate(backend, child, child.toString());
            boolean reset = protectedByNoWindowsTool(current);
            if (current != null && current.isDaclProtected() && !reset) continue;
            SecurityDescriptor base = reset
                    ? new SecurityDescriptor(current.control() & ~ControlFlag.DACL_PROTECTED.bit(), current.owner(), current.group(),
                    current.sacl(), Acl.of(List.of()))
                    : current;
            SecurityDescriptor next = Inheritance.propagate(dirDescriptor, base, childIsDir);
            if (next.owner() == null && backend.defaultOwner() != null) next = next.withOwner(backend.defaultOwner());
            if (next.group() == null && backend.defaultGroup() != null) next = next.withGroup(backend.defaultGroup());
            if (!AclDiff.between(current, AclExpectation.exactly(next)).inDesiredState()) out.add(new ChildUpdate(child, current, next, reset));
            if (childIsDir) planChildren(backend, child, next, out);
        }
    }

    // ------------------------------------------------------------------ diff

    public Step diff(AclDiffRequest request) {
        AclSpec spec = AclArgument.parse(request.acl());
        ClientPath local = existing(request.path(), "diff");
        String subject = local.toString();
        SecurityDescriptor current;
        try {
            current = currentOrPlanned(local);
        } catch (SecurityFormatException e) {
            return ctx.record(AclWording.unreadable(subject, e.getMessage()));
        } catch (IOException e) {
            return ctx.record(AclWording.cannotRead(subject, e.getMessage()));
        }
        return ctx.record(AclWording.compared(new AclCompared(subject, ctx.client().securityStore(), spec.notation(), sddlOrNull(spec.descriptor()),
                current == null ? null : sddlOrNull(current),
                current == null || current.dacl() == null ? List.of() : current.dacl().inheritedAces().stream().map(AclDiff::describe).toList(),
                AclDiff.between(current, spec.expectation()))));
    }

    // ------------------------------------------------------------------ show

    public String show(AclShowRequest request) {
        String fmt = request.format();
        ClientPath local = existing(request.path(), "show");
        String subject = local.toString();
        Client backend = ctx.client();
        SecurityDescriptor sd = shown(local);
        if (sd == null && !fmt.equals("json")) {
            ctx.warn("acl show " + subject + ": no NT security descriptor is stored in " + backend.securityStore()
                    + (backend.derivesMissingDescriptors() ? " (Samba derives one from the POSIX permissions)" : ""));
            return "";
        }
        String text = switch (fmt) {
            case "icacls" -> icaclsListing(subject, sd);
            case "cacls" -> sd.dacl() == null ? "(NULL DACL: everyone has full access)" : CaclsListing.format(sd.dacl().aces());
            case "json" -> DescriptorJson.render(subject, backend.securityStore(), sd);
            default -> Sddl.format(sd);
        };
        return text.stripTrailing(); // the faces end the value with a line break
    }

    /** As icacls prints it: the path, then one entry per line aligned under the first. */
    static String icaclsListing(String subject, SecurityDescriptor sd) {
        var sb = new StringBuilder(subject).append(' ');
        String indent = " ".repeat(subject.length() + 1);
        if (sd.dacl() == null) return sb.append(sd.hasNullDacl() ? "Everyone:(OI)(CI)(F)  (NULL DACL)" : "(no DACL)").append('\n').toString();
        if (sd.dacl().aces().isEmpty()) return sb.append("(no entries: nobody has access)\n").toString();
        boolean first = true;
        for (Ace ace : sd.dacl().aces()) {
            if (!first) sb.append(indent);
            first = false;
            boolean plain = ace.type().layout() == AceType.Layout.BASIC && ace.type().isDaclType() && ace.applicationData().length == 0;
            sb.append(plain ? IcaclsNotation.display(ace) : Sddl.formatAce(ace)).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ shared

    /** The local path; it must exist, or under what-if be something an earlier step would have created. */
    private ClientPath existing(String path, String sub) {
        ClientPath local = ctx.client().path(path);
        if (!exists(local) && !planned(local)) {
            throw new BadInputException("acl " + sub + " " + path + ": " + local + " does not exist; create it first (e.g. prestage store ROOT)");
        }
        return local;
    }

    private boolean exists(ClientPath p) {
        return stat(p).isPresent();
    }

    private boolean isFolder(ClientPath p) {
        return stat(p).map(FileEntry::isFolder).orElse(false);
    }

    private java.util.Optional<FileEntry> stat(ClientPath p) {
        try {
            return ctx.client().stat(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #currentOrPlanned}; a read that fails stops {@code acl show}, which has nothing else to print. */
    private SecurityDescriptor shown(ClientPath p) {
        try {
            return currentOrPlanned(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACL of " + p + " through " + ctx.client().securityStore() + ": " + e.getMessage(), e);
        }
    }

    /** The descriptor on {@code p}; under what-if, the one an earlier step would have written, or none for a path it would create. */
    private SecurityDescriptor currentOrPlanned(ClientPath p) throws IOException {
        var planned = plannedSecurity(p);
        if (planned.isPresent()) return planned.get();
        return planned(p) ? null : ctx.client().readSecurity(p).orElse(null);
    }

    /** Under what-if: the descriptor an earlier step would have written. */
    private java.util.Optional<SecurityDescriptor> plannedSecurity(ClientPath p) {
        return ctx.whatIf() ? ctx.plan().plannedSecurity(p) : java.util.Optional.empty();
    }

    /** Under what-if: absent, but an earlier step (store, push) would have created it, so plan as if it were there with no ACL. */
    private boolean planned(ClientPath local) {
        return ctx.whatIf() && ctx.plan().willExist(local) && !exists(local);
    }

    /** The plan records paths, not kinds: a planned path with planned contents, or without an extension, is taken for a folder. */
    private boolean plannedFolder(ClientPath local) {
        return !ctx.plan().willExistIn(local).isEmpty() || !local.name().contains(".");
    }

    private static String sddlOrNull(SecurityDescriptor sd) {
        try {
            return Sddl.format(sd);
        } catch (SecurityFormatException e) {
            return null;
        }
    }
}
