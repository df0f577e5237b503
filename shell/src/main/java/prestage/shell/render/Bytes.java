package prestage.shell.render;

/** Byte counts for people: 1.5 GiB, 320 MiB. */
public final class Bytes {
    private Bytes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
