package prestage.shell.ansible;

import java.nio.file.Path;

/** Where the tests find the Ansible collection: the repository's {@code ansible_collections/prestage/medv}. */
final class Collection {
    /** The collection in the source tree (surefire runs in the shell module's folder). */
    static final Path SOURCE = Path.of("..", "ansible_collections", "prestage", "medv").toAbsolutePath().normalize();

    static final String MODULE = "prestage.medv.prestage";

    private Collection() {
    }
}
