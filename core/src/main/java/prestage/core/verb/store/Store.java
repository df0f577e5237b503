package prestage.core.verb.store;

import prestage.core.outcome.Step;

/**
 * A client's image store as the client sees it ({@code root} = {@code C:\MED-V Images},
 * {@code prestaged} = {@code C:\MED-V Images\PrestagedImages}).
 */
public record Store(String root, String prestaged, Step step) {
    @Override
    public String toString() {
        return root;
    }
}
