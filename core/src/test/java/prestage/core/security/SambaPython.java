package prestage.core.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import prestage.core.testing.Smbd;

/**
 * Samba's own NDR marshalling, through its Python bindings (python3-samba, installed with samba): the judge for
 * xattr_NTACL blobs of every version. The system interpreter is used, as samba-tool does, since other
 * interpreters on PATH do not see Samba's modules.
 */
final class SambaPython {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private SambaPython() {
    }

    static String run(String script, String... args) throws IOException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("/usr/bin/python3 is missing: install python3 and samba (python3-samba) for these tests");
        }
        var cmd = new ArrayList<String>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        try {
            return Smbd.run(cmd, null);
        } catch (IOException e) {
            if (e.getMessage().contains("No module named 'samba'")) {
                throw new IllegalStateException("Samba's Python bindings are missing: apt-get install samba (python3-samba)", e);
            }
            throw e;
        }
    }
}
