package prestage.core.images;

import prestage.core.OptionWords;
import java.util.List;

import prestage.core.BadInputException;

/**
 * {@code push SOURCE... --to DIR}.
 *
 * @param sources image files, or folders whose matching files are taken (see {@link PushOptions#includes()})
 * @param to      the store folder on the client
 */
public record PushRequest(List<String> sources, String to, PushOptions options) {
    public PushRequest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        options = options == null ? PushOptions.DEFAULTS : options;
        if (to == null || to.isBlank()) {
            throw new BadInputException("push: no destination; give " + OptionWords.given("to", "DIR") + ", the store folder (e.g. C:\\MED-V Images\\PrestagedImages)");
        }
    }

    public PushRequest(List<String> sources, String to) {
        this(sources, to, PushOptions.DEFAULTS);
    }
}
