package prestage.shell.render;

import java.util.Map;

/**
 * Where a command's {@code --json} document goes as the object it is, not as text: the one writing stdout streams it
 * once at the end. A push of 10,000 files makes 8 MB of JSON; as text it was held four times over (the document, the
 * captured stdout, its copy, the pass-through), which was the largest thing the process ever held.
 */
public interface DocumentOut {
    void document(Map<String, Object> document);
}
