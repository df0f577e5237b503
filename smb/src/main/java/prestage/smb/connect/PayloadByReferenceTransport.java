package prestage.smb.connect;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.mssmb2.messages.SMB2NegotiateRequest;
import com.hierynomus.protocol.commons.socket.ProxySocketFactory;
import com.hierynomus.protocol.transport.PacketHandlers;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.protocol.transport.TransportLayer;
import com.hierynomus.smb.SMBPacket;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.transport.TransportLayerFactory;
import com.hierynomus.smbj.connection.PacketEncryptor;

/**
 * SMB over direct TCP (port 445 framing: a zero byte and a 24-bit length before each message), like smbj's own
 * transport, but a WRITE's payload goes from the caller's array to the socket without being copied into a packet
 * buffer first (see {@link PacketHeadBuffer}): smbj's signing wrapper MACs the payload where it lies and the packet
 * head (header, WRITE fields, signature) is serialized into a small buffer of its own. Bytes go to the socket
 * through one direct buffer in pieces of {@link #PIECE}, one system call each (the JDK's socket stream copies
 * through a temporary buffer of its own too, but writes 128 KiB per call). Answers are read by
 * {@link ReadIntoBufferReader} from the channel's socket: smbj's framing and parsing, except that the data of a READ
 * sent as a {@link ReadSink.Request} goes straight into the requester's array. smbj's socket factory (proxies) is not used: a
 * connection is made directly, with smbj's default connect timeout. It is also where {@link SigningNegotiation} sees
 * the NEGOTIATE request before it is sent and the answers before smbj parses them.
 */
public final class PayloadByReferenceTransport implements TransportLayer<SMBPacket<?, ?>> {
    private final PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers;
    private final int connectTimeout;
    private final int soTimeout;
    /** Bytes per socket write (and per copy into {@link #staging}); the JDK's socket stream writes 128 KiB at a time. */
    static final int PIECE = 1 << 20;

    private final ReentrantLock writing = new ReentrantLock();
    /** When the write holding {@link #writing} last got bytes out (or began): a stalled server sends this back in time. */
    private volatile long lastSent = System.nanoTime();
    private volatile SocketChannel channel;
    /**
     * Heap bytes go to the kernel from direct memory; the JDK would copy them into a temporary buffer of its own. Taken
     * from {@link #IDLE} for one packet and given back after it: an idle connection holds none (a fleet keeps hundreds
     * of connections open, and a direct buffer held by each was freed only when the collector got to its transport).
     */
    private ByteBuffer staging;
    /** Staging buffers between packets, shared by every connection of the process; at most {@link #KEPT_IDLE} kept. */
    private static final java.util.concurrent.ConcurrentLinkedDeque<ByteBuffer> IDLE = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int KEPT_IDLE = 8;
    private static final java.util.concurrent.atomic.AtomicInteger IDLE_COUNT = new java.util.concurrent.atomic.AtomicInteger();
    private ReadIntoBufferReader reader;
    /** Offers and reads AES-GMAC signing when the connection's security provider carries one; else null. */
    private final SigningNegotiation signing;

    /** Plugs this transport into smbj: {@code SmbConfig.builder().withTransportLayerFactory(PayloadByReferenceTransport.FACTORY)}. */
    public static final TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> FACTORY = PayloadByReferenceTransport::new;

    private PayloadByReferenceTransport(PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers, SmbConfig config) {
        this.handlers = handlers;
        this.connectTimeout = ProxySocketFactory.DEFAULT_CONNECT_TIMEOUT;
        this.soTimeout = config.getSoTimeout();
        this.signing = config.getSecurityProvider() instanceof SigningNegotiation.Carrier p ? p.signing() : null;
    }

    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        // a channel, so that whole pieces go out in one system call; its socket's streams throw what a plain
        // socket's do (UnknownHostException, ConnectException, SocketTimeoutException), which SmbShare explains
        SocketChannel c = SocketChannel.open();
        try {
            Socket s = c.socket();
            s.connect(remote, connectTimeout);
            s.setSoTimeout(soTimeout);
            writing.lock();
            try {
                var packets = signing == null ? handlers.getPacketFactory() : signing.reading(handlers.getPacketFactory());
                reader = new ReadIntoBufferReader(remote.getHostString(), s.getInputStream(), packets, handlers.getReceiver());
                channel = c;
            } finally {
                writing.unlock();
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        reader.start();
    }

    @Override
    public void write(SMBPacket<?, ?> packet) throws TransportException {
        lockForWriting(packet);
        lastSent = System.nanoTime();
        try {
            if (!isConnected()) throw new TransportException("cannot send " + packet + ": the connection is closed");
            // a buffer of its own per packet: smbj reads the bytes of NEGOTIATE and SESSION_SETUP requests back
            // from it later (SMB 3.1.1's pre-authentication hash)
            var b = new PacketHeadBuffer();
            if (signing != null && packet instanceof SMB2NegotiateRequest negotiate) signing.offer(negotiate);
            packet.write(b);
            if (signing != null) signing.markOffered(b.array(), b.available());
            // registered before the bytes leave, so the answer cannot come first; a sealed READ's answer comes sealed
            if (packet instanceof SMB2Packet p && p.getPacket() instanceof ReadSink.Request read && !(p instanceof PacketEncryptor.EncryptedPacketWrapper)) {
                reader.expect(p.getHeader().getMessageId(), read.sink);
            }
            int length = b.available() + b.tailLength();
            if (length > 0xffffff) throw new TransportException("cannot send " + packet + ": " + length + " bytes exceed direct TCP's 16 MiB frame");
            staging = takeStaging();
            ByteBuffer piece = staging.clear();
            piece.put((byte) 0).put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
            send(b.array(), b.rpos(), b.available());
            if (b.tail() != null) send(b.tail(), b.tailOffset(), b.tailLength());
            if (staging.position() > 0) writeStaging();
        } catch (IOException e) {
            throw new TransportException(e);
        } finally {
            giveBackStaging();
            writing.unlock();
        }
    }

    /**
     * Takes the write lock unless the write holding it is stalled. A write blocks, holding the lock, while the server
     * takes no data (its socket's send buffer full), and a blocking channel write has no timeout of its own. smbj's
     * packet reader, timing out on that server, closes the connection by sending a LOGOFF through here, which waited
     * for that lock for ever (HostileNetworkTest's stalled push hung in 1 of 3 runs, jstack showed both threads). When
     * the holder has sent nothing for the socket time-out (--timeout), the channel is closed, which ends the stuck
     * write, and this one fails. A slow link that still moves data (an 8 MiB WRITE at 2 Mbit/s takes half a minute)
     * is waited for.
     */
    private void lockForWriting(SMBPacket<?, ?> packet) throws TransportException {
        try {
            if (lockUnlessStalled()) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(new java.io.InterruptedIOException("interrupted before sending " + packet));
        }
        closeChannel();
        throw new TransportException(new SocketTimeoutException("cannot send " + packet + ": the server took no data for " + soTimeout + " ms"));
    }

    /** The write lock, or false when its holder has sent nothing for the socket time-out. */
    private boolean lockUnlessStalled() throws InterruptedException {
        if (soTimeout <= 0) {
            writing.lockInterruptibly();
            return true;
        }
        long stalled = TimeUnit.MILLISECONDS.toNanos(soTimeout);
        while (!writing.tryLock(soTimeout, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - lastSent >= stalled) return false;
        }
        return true;
    }

    /** Closes the socket without the write lock: a write blocked in it ends with an AsynchronousCloseException. */
    private void closeChannel() {
        SocketChannel c = channel;
        if (c == null) return;
        try {
            c.close();
        } catch (IOException e) {
            // closed is closed
        }
    }

    private static ByteBuffer takeStaging() {
        ByteBuffer b = IDLE.pollFirst();
        if (b == null) return ByteBuffer.allocateDirect(PIECE);
        IDLE_COUNT.decrementAndGet();
        return b;
    }

    private void giveBackStaging() {
        ByteBuffer b = staging;
        staging = null;
        if (b != null && IDLE_COUNT.incrementAndGet() <= KEPT_IDLE) IDLE.offerFirst(b);
        else if (b != null) IDLE_COUNT.decrementAndGet();
    }

    /** Copies {@code bytes} into the staging buffer, writing it out each time it is full. */
    private void send(byte[] bytes, int offset, int length) throws IOException {
        int off = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, staging.remaining());
            staging.put(bytes, off, n);
            off += n;
            left -= n;
            if (!staging.hasRemaining()) writeStaging();
        }
    }

    private void writeStaging() throws IOException {
        staging.flip();
        while (staging.hasRemaining()) {
            channel.write(staging);
            lastSent = System.nanoTime();
        }
        staging.clear();
    }

    @Override
    public void disconnect() throws IOException {
        boolean locked;
        try {
            locked = lockUnlessStalled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            // a write holds the lock, blocked on a server that takes no data (or this thread was interrupted): closing
            // the socket ends it
            if (reader != null) reader.stop();
            closeChannel();
            writing.lock();
        }
        try {
            SocketChannel c = channel;
            if (c == null) return;
            channel = null;
            reader.stop();
            c.close();
        } finally {
            writing.unlock();
        }
    }

    @Override
    public boolean isConnected() {
        SocketChannel c = channel;
        return c != null && c.isConnected();
    }
}
