package prestage.smb.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.hierynomus.msdtyp.FileTime;

class WindowsTimeTest {
    @Test
    void keepsHundredNanosecondTicksBothWays() {
        Instant t = Instant.parse("2026-11-30T07:19:44.177796366Z");
        FileTime ft = WindowsTime.of(t);
        assertEquals(Instant.parse("2026-11-30T07:19:44.177796300Z"), WindowsTime.toInstant(ft));
        assertEquals(Instant.parse("1600-12-31T23:59:59.9999999Z").plusNanos(100), WindowsTime.toInstant(new FileTime(0)));
        assertEquals(Instant.parse("1969-12-31T23:59:59.9999999Z"), WindowsTime.toInstant(WindowsTime.of(Instant.parse("1969-12-31T23:59:59.9999999Z"))));
    }
}
