package prestage.core.client;

import java.time.Instant;

/**
 * What a client says about one name in a folder. A link is reported as a link and never followed.
 *
 * @param key identifies the file on its volume where the client can tell (inode, file id); null otherwise
 */
public record FileEntry(String name, Type type, long size, Instant modified, Object key) {
    public enum Type { FILE, FOLDER, LINK, OTHER }

    public boolean isFile() {
        return type == Type.FILE;
    }

    public boolean isFolder() {
        return type == Type.FOLDER;
    }
}
