package prestage.core.verb;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import prestage.core.client.ClientPath;
import prestage.core.security.SecurityDescriptor;

/**
 * What a what-if run would have created so far, so that later steps can plan against it: an ACL for a folder
 * that {@code store} would create, a push into it, a verify of what the push would write. Paths are compared
 * without regard to case, as the client does.
 */
public final class Plan {
    private final Map<String, ClientPath> created = new ConcurrentHashMap<>();
    private final Map<String, SecurityDescriptor> security = new ConcurrentHashMap<>();

    public void willCreate(ClientPath path) {
        created.put(key(path), path);
    }

    public boolean willExist(ClientPath path) {
        return created.containsKey(key(path));
    }

    /** Planned files and folders directly inside {@code dir}, sorted by name. */
    public List<ClientPath> willExistIn(ClientPath dir) {
        return created.values().stream().filter(p -> !p.isRoot() && key(p.parent()).equals(key(dir)))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList();
    }

    /** The descriptor an earlier step would have given {@code path} (created, or changed by acl apply). */
    public void willHaveSecurity(ClientPath path, SecurityDescriptor descriptor) {
        security.put(key(path), descriptor);
    }

    public Optional<SecurityDescriptor> plannedSecurity(ClientPath path) {
        return Optional.ofNullable(security.get(key(path)));
    }

    private static String key(ClientPath p) {
        return p.toString().toLowerCase(Locale.ROOT);
    }
}
