package prestage.smb.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** What goes out of a PacketHeadBuffer (head, then the remembered run) is exactly what was put, in order. */
class PacketHeadBufferTest {
    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sent(PacketHeadBuffer b) {
        var out = new ByteArrayOutputStream();
        out.write(b.array(), b.rpos(), b.available());
        if (b.tail() != null) out.write(b.tail(), b.tailOffset(), b.tailLength());
        return out.toByteArray();
    }

    @Test
    void aLargeRunAtTheEndIsRememberedNotCopied() {
        byte[] payload = random(PacketHeadBuffer.BY_REFERENCE + 100, 1);
        var b = new PacketHeadBuffer();
        b.putUInt16(49);
        b.putUInt64(0x0102030405060708L);
        b.putRawBytes(payload, 50, PacketHeadBuffer.BY_REFERENCE + 7);
        assertSame(payload, b.tail());
        assertEquals(50, b.tailOffset());
        assertEquals(10, b.available(), "only the head is in the array");
        assertEquals(10 + PacketHeadBuffer.BY_REFERENCE + 7, b.wpos(), "smbj's message end counts the payload");
        var expected = new ByteArrayOutputStream();
        expected.write(new byte[] {49, 0, 8, 7, 6, 5, 4, 3, 2, 1}, 0, 10);
        expected.write(payload, 50, PacketHeadBuffer.BY_REFERENCE + 7);
        assertArrayEquals(expected.toByteArray(), sent(b));
    }

    @Test
    void anythingPutAfterTheRunCopiesTheRunInFirst() {
        byte[] big = random(PacketHeadBuffer.BY_REFERENCE * 2, 2);
        byte[] second = random(PacketHeadBuffer.BY_REFERENCE, 3);
        var b = new PacketHeadBuffer();
        b.putByte((byte) 9);
        b.putRawBytes(big, 0, big.length);
        b.putUInt32(0xdeadbeefL);
        b.putRawBytes(second, 0, second.length); // a second large run is remembered in its turn
        var expected = new ByteArrayOutputStream();
        expected.write(9);
        expected.write(big, 0, big.length);
        expected.write(new byte[] {(byte) 0xef, (byte) 0xbe, (byte) 0xad, (byte) 0xde}, 0, 4);
        expected.write(second, 0, second.length);
        assertArrayEquals(expected.toByteArray(), sent(b));
        assertEquals(expected.size(), b.wpos());
    }

    @Test
    void shortRunsAreCopiedAndResetForgetsTheTail() {
        byte[] small = random(PacketHeadBuffer.BY_REFERENCE - 1, 4);
        var b = new PacketHeadBuffer();
        b.putRawBytes(small, 0, small.length);
        assertNull(b.tail());
        assertArrayEquals(small, sent(b));
        b.reset();
        b.putRawBytes(random(PacketHeadBuffer.BY_REFERENCE, 5), 0, PacketHeadBuffer.BY_REFERENCE);
        b.reset();
        assertNull(b.tail());
        assertEquals(0, b.wpos());
        assertEquals(0, b.available());
    }
}
