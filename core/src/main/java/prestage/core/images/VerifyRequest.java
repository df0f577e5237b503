package prestage.core.images;

import prestage.core.BadInputException;

/**
 * {@code verify DIR}.
 *
 * @param readOnly mark the intact files read-only afterwards
 */
public record VerifyRequest(String dir, boolean readOnly) {
    public VerifyRequest {
        if (dir == null || dir.isBlank()) throw new BadInputException("verify: give the store folder, e.g. C:\\MED-V Images\\PrestagedImages");
    }
}
