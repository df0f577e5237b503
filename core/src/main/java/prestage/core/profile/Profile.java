package prestage.core.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes a product's image store what it is: folder names, the ACL both folders get, which files
 * are images, the registry value that points the client at them and the MSI property naming the store.
 *
 * @param acl           SDDL of the descriptor both folders get
 * @param registryView  32 or 64: the view the client reads
 * @param msiPackage    the client package {@code status} shows the install command for
 */
public record Profile(String name, String storeFolder, String prestagedFolder, String acl, List<String> includes,
                      String registryKey, String registryValue, int registryView, String msiStoreProperty,
                      String msiPackage) {

    /** The seed's procedure: Authenticated Users 0x12008D, SYSTEM and Administrators full, all OI CI, protected. */
    public static final Profile MEDV = new Profile("medv", "MED-V Images", "PrestagedImages",
            "D:PAI(A;OICI;0x12008d;;;AU)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)",
            List.of("*.ckm", "*.index"),
            "HKLM\\SOFTWARE\\Kidaro", "PrestagedImagesPath", 32, "VMSFOLDER", "MED-V_1.0.65.msi");

    public Profile {
        includes = List.copyOf(includes);
    }

    public static Optional<Profile> named(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).equals(MEDV.name) ? Optional.of(MEDV) : Optional.empty();
    }
}
