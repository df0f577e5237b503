package prestage.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import prestage.core.images.PushRequest;

/** Issue 24: a refusal names an option neutrally, and each face words it as its caller types it. */
class OptionWordsTest {
    private static final String TEXT = "give " + OptionWords.given("to", "DIR") + ", " + OptionWords.on("readOnly") + ", "
            + OptionWords.named("include") + ", " + OptionWords.given("view", "64") + " or " + OptionWords.argument("from", "SOURCE");

    @Test
    void theCommandLineReadsFlags() {
        assertEquals("give --to DIR, --read-only, --include, --view 64 or SOURCE", OptionWords.Face.COMMAND_LINE.word(TEXT));
    }

    @Test
    void aRecipeReadsNamedArguments() {
        assertEquals("give to: DIR, readOnly: true, include:, view: 64 or from:", OptionWords.Face.RECIPE.word(TEXT));
    }

    @Test
    void aRequestsRefusalIsWordedForTheCommandLineUnlessAFaceAsksOtherwise() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> new PushRequest(List.of("/src"), ""));
        assertEquals("push: no destination; give --to DIR, the store folder (e.g. C:\\MED-V Images\\PrestagedImages)", e.getMessage());
        assertEquals("push: no destination; give to: DIR, the store folder (e.g. C:\\MED-V Images\\PrestagedImages)",
                e.wordedFor(OptionWords.Face.RECIPE));
    }

    @Test
    void textWithoutOptionsAndValuesWithRegexSignsPassUnchanged() {
        assertEquals("no options here $1 \\", OptionWords.Face.RECIPE.word("no options here $1 \\"));
        assertEquals("--include 'a$1\\b'", OptionWords.Face.COMMAND_LINE.word(OptionWords.given("include", "'a$1\\b'")));
    }
}
