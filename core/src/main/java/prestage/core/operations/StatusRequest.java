package prestage.core.operations;

import prestage.core.BadInputException;
import prestage.core.profile.Profile;

/**
 * {@code status ROOT --msi PACKAGE}.
 *
 * @param msiPackage the package the install command names; null or blank: the profile's
 */
public record StatusRequest(String root, String msiPackage) {
    public StatusRequest {
        if (root == null || root.isBlank()) {
            throw new BadInputException("status: give the image store folder (e.g. 'C:\\' with --target)");
        }
    }

    public StatusRequest(String root) {
        this(root, null);
    }

    public String msiPackageOf(Profile profile) {
        return msiPackage == null || msiPackage.isBlank() ? profile.msiPackage() : msiPackage;
    }
}
