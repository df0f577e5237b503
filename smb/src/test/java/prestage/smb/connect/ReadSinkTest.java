package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Who may write a READ's array: the reader only while the requester waits, never after it gave up. */
class ReadSinkTest {
    private static ReadSink sink() {
        return new ReadSink(new byte[16], 0, 16, null, null);
    }

    @Test
    void anAnswerAfterTheRequesterGaveUpDoesNotTakeTheArray() {
        ReadSink s = sink();
        assertTrue(s.cancel(1000));
        assertFalse(s.claim(), "a late answer must go smbj's way, not into an array its owner has taken back");
    }

    @Test
    void anAnswerTakesTheArrayOnce() {
        ReadSink s = sink();
        assertTrue(s.claim());
        assertFalse(s.claim());
    }

    @Test
    void givingUpWhileTheReaderFillsWaitsUntilItIsDone() throws Exception {
        ReadSink s = sink();
        assertTrue(s.claim());
        var cancelling = new CountDownLatch(1);
        CompletableFuture<Boolean> cancelled = CompletableFuture.supplyAsync(() -> {
            cancelling.countDown();
            return s.cancel(10_000);
        });
        cancelling.await();
        Thread.sleep(200); // a cancel that did not wait would be done by now
        assertFalse(cancelled.isDone(), "cancel returned while the reader was still writing the array");
        s.release();
        assertTrue(cancelled.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aReaderThatNeverFinishesIsWaitedForOnlyAsLongAsAsked() {
        ReadSink s = sink();
        assertTrue(s.claim());
        assertFalse(s.cancel(50), "the array is not the requester's while the reader still fills it");
    }
}
