package prestage.core.registry;

/**
 * A key as a backend reaches it.
 *
 * @param key     the path the backend opens: physical for hives and .reg files, as given for live Windows
 * @param view    the view the backend opens it in: native for files, whose paths are physical already
 * @param shownAs the physical path, for messages and exported .reg files
 */
public record RegLocation(RegistryKeyPath key, RegistryView view, RegistryKeyPath shownAs) {

    /** A key in a registry file, where the path is the physical place. */
    public static RegLocation physical(RegistryKeyPath key) {
        return new RegLocation(key, RegistryView.NATIVE, key);
    }

    public RegLocation child(String name) {
        return new RegLocation(key.child(name), view, shownAs.child(name));
    }

    /** {@code HKLM\SOFTWARE\WOW6432Node\Kidaro}, or {@code HKLM\SOFTWARE\Kidaro (32-bit view)} where Windows does the mapping. */
    public String describe() {
        if (view == RegistryView.NATIVE) return shownAs.shortForm();
        return key.shortForm() + " (" + view.label() + ")";
    }
}
