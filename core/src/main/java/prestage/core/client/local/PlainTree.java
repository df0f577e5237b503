package prestage.core.client.local;

import java.nio.file.Path;

import prestage.core.client.ClientPath;

/** Paths as the operating system has them: a native client's, or live Windows' own drives. Nothing to contain. */
final class PlainTree implements Tree {
    private static final Runnable NOTHING = () -> { };

    @Override
    public Located locate(ClientPath path) {
        return new Located(Path.of(path.toString()), NOTHING);
    }
}
