package prestage.core.store;

import java.nio.file.Path;

import prestage.core.outcome.Step;

/**
 * A client's image store as the client sees it ({@code root} = {@code C:\MED-V Images},
 * {@code prestaged} = {@code C:\MED-V Images\PrestagedImages}) and where those folders are here.
 */
public record Store(String root, String prestaged, Path localRoot, Path localPrestaged, Step step) {
    @Override
    public String toString() {
        return root;
    }
}
