package prestage.core.images;

import java.util.Locale;

/** Byte counts and rates the way people read them: decimal units, as disk vendors and Explorer's "free space" columns do. */
final class Sizes {
    private Sizes() {
    }

    static String bytes(long n) {
        if (n < 1000) return n + " B";
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    static String rate(long bytes, double seconds) {
        if (seconds <= 0) return "-";
        return bytes(Math.round(bytes / seconds)) + "/s";
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
