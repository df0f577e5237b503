package prestage.core.registry;

import java.io.IOException;

/**
 * A registry that can be read only after a change on the client that this run does not make: a network client whose
 * Remote Registry service is stopped, under --what-if. The message says what a real run would do first ("would start
 * ..."), so a what-if step can report it as a planned change instead of a failure.
 */
public final class NotReadableWithoutChanges extends IOException {
    private static final long serialVersionUID = 1L;

    public NotReadableWithoutChanges(String wouldDo) {
        super(wouldDo);
    }
}
