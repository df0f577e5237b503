package prestage.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real MSI packages made and read by Debian's msitools ({@code msibuild}, {@code msiinfo}): the judge of the MSI reader. */
public final class TestMsi {
    private TestMsi() {
    }

    /** A package whose Property table holds {@code properties} (in order), with summary information like a real one. */
    public static Path build(Path file, Map<String, String> properties) throws IOException {
        Smbd.requireToolFor("msibuild", "msitools (apt-get install msitools)");
        Path idt = file.resolveSibling(file.getFileName() + ".Property.idt");
        var sb = new StringBuilder("Property\tValue\r\ns72\tl0\r\nProperty\tProperty\r\n");
        properties.forEach((k, v) -> sb.append(k).append('\t').append(v).append("\r\n"));
        Files.writeString(idt, sb, StandardCharsets.UTF_8);
        Files.deleteIfExists(file);
        run(List.of("msibuild", file.toString(), "-s", "MED-V", "Microsoft", ";1033", "{B2E9B5E6-94B5-4C4E-9D6B-0C5A6F3B1A11}"));
        run(List.of("msibuild", file.toString(), "-i", idt.toString()));
        Files.delete(idt);
        return file;
    }

    /** The MED-V client's identity as the tests use it. */
    public static Map<String, String> medv(String productCode, String version) {
        var p = new LinkedHashMap<String, String>();
        p.put("ProductCode", productCode);
        p.put("ProductVersion", version);
        p.put("ProductName", "Microsoft Enterprise Desktop Virtualization");
        p.put("Manufacturer", "Microsoft Corporation");
        p.put("UpgradeCode", "{9B4C2B4B-6F7A-4C4B-8E0D-1B0E2F7D9C01}");
        return p;
    }

    /** What {@code msiinfo export FILE Property} lists. */
    public static Map<String, String> msiinfoProperties(Path file) throws IOException {
        String out = run(List.of("msiinfo", "export", file.toString(), "Property"));
        var props = new LinkedHashMap<String, String>();
        String[] lines = out.split("\r?\n");
        for (int i = 3; i < lines.length; i++) {
            int tab = lines[i].indexOf('\t');
            if (tab > 0) props.put(lines[i].substring(0, tab), lines[i].substring(tab + 1));
        }
        return props;
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
