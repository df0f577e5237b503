package prestage.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build recorded about itself in {@code prestage/shell/build.properties} (shell/pom.xml writes it): the
 * version and the git commit it was built from, so {@code prestage --version} names both.
 */
public final class BuildInfo {
    static final String RESOURCE = "/prestage/shell/build.properties";

    private BuildInfo() {
    }

    /** {@code 0.1.0 (commit 1a2b3c4d5e6f)}; {@code dev} for classes that were not built by Maven. */
    public static String describe() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // an unreadable resource says no more than a missing one
        }
        String version = p.getProperty("version", BuildInfo.class.getPackage().getImplementationVersion());
        if (version == null || version.isBlank()) version = "dev";
        String commit = p.getProperty("commit", "").strip();
        return commit.isEmpty() ? version : version + " (commit " + commit + ")";
    }
}
