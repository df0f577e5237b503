package prestage.core.verb.store;

import prestage.core.BadInputException;

/** {@code store ROOT}: the folder that holds the image store ({@code C:\} with a client). */
public record StoreRequest(String root) {
    public StoreRequest {
        if (root == null || root.isBlank()) {
            throw new BadInputException("store: give the folder that holds the image store (e.g. 'C:\\' with --target)");
        }
    }
}
