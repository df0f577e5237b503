package prestage.core.images;

import java.io.IOException;

/** The source was written to while push read it: the copy would be a mix of two versions. */
final class SourceChangedException extends IOException {
    SourceChangedException(String message) {
        super(message);
    }
}
