package prestage.smb.share;

import java.time.Instant;

import com.hierynomus.msdtyp.FileTime;

/**
 * FILETIME (100 ns ticks since 1601) to and from Instant at full precision. smbj's own conversions go through
 * milliseconds, which would make a time push set and later compares (to 100 ns) never match.
 */
final class WindowsTime {
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private WindowsTime() {
    }

    static Instant toInstant(FileTime t) {
        long ticks = t.getWindowsTimeStamp() - FileTime.WINDOWS_TO_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(ticks, TICKS_PER_SECOND), Math.floorMod(ticks, TICKS_PER_SECOND) * 100);
    }

    static FileTime of(Instant i) {
        return new FileTime(i.getEpochSecond() * TICKS_PER_SECOND + i.getNano() / 100 + FileTime.WINDOWS_TO_UNIX_EPOCH);
    }
}
