package prestage.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a what-if run would have created so far, so that later steps can plan against it: an ACL for a folder
 * that {@code store} would create, a push into it, a verify of what the push would write.
 */
public final class Plan {
    private final Set<Path> created = ConcurrentHashMap.newKeySet();

    public void willCreate(Path path) {
        created.add(path.toAbsolutePath().normalize());
    }

    public boolean willExist(Path path) {
        return created.contains(path.toAbsolutePath().normalize());
    }

    /** Planned files and folders directly inside {@code dir}, sorted. */
    public List<Path> willExistIn(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return created.stream().filter(p -> d.equals(p.getParent())).sorted().toList();
    }
}
