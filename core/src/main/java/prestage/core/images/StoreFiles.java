package prestage.core.images;

import prestage.core.client.ClientPath;

/** The names push keeps in a store besides the images: the manifest pair and each copy's part file and journal. */
final class StoreFiles {
    static final String PART = ".prestage-part";
    static final String JOURNAL = ".prestage-journal";
    static final String TMP = ".prestage-tmp";

    private StoreFiles() {
    }

    /** Hidden (dot) names that no include glob such as {@code *.ckm} can match. */
    static ClientPath part(ClientPath dir, String name) {
        return dir.resolve("." + name + PART);
    }

    static ClientPath journal(ClientPath dir, String name) {
        return dir.resolve("." + name + JOURNAL);
    }

    static boolean isManifest(String name) {
        return name.equals(Manifest.SUMS) || name.equals(Manifest.SIDECAR);
    }

    /** A file push leaves while working: a part, its journal, a manifest being replaced. */
    static boolean isWorkFile(String name) {
        return name.startsWith(".") && (name.endsWith(PART) || name.endsWith(JOURNAL) || name.endsWith(TMP));
    }

    /** The image (or manifest file) a work file belongs to: {@code ..A.ckm.prestage-journal.prestage-tmp} is A.ckm's. */
    static String imageOf(String workFile) {
        String name = workFile;
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String suffix : new String[] {PART, JOURNAL, TMP}) {
                if (name.endsWith(suffix)) {
                    name = name.substring(0, name.length() - suffix.length());
                    stripped = true;
                }
            }
            while (name.startsWith(".")) {
                name = name.substring(1);
                stripped = true;
            }
        }
        return name;
    }
}
