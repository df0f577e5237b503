package prestage.core.verb.msi;

import java.time.Duration;

/**
 * How long an install on a network client may take and how often it is tried again while another installation runs
 * there (msiexec 1618).
 */
public record MsiRunLimits(Duration timeout, int busyRetries, Duration busyPause) {
    /** Half an hour per run; 1618 tried again 3 times, a minute apart. */
    public static final MsiRunLimits DEFAULT = new MsiRunLimits(Duration.ofMinutes(30), 3, Duration.ofMinutes(1));
}
