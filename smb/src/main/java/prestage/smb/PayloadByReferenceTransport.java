package prestage.smb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.SocketFactory;

import com.hierynomus.protocol.transport.PacketHandlers;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.protocol.transport.TransportLayer;
import com.hierynomus.smb.SMBPacket;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.transport.TransportLayerFactory;
import com.hierynomus.smbj.transport.tcp.direct.DirectTcpPacketReader;

/**
 * SMB over direct TCP (port 445 framing: a zero byte and a 24-bit length before each message), like smbj's own
 * transport, but a WRITE's payload goes from the caller's array to the socket without being copied into a packet
 * buffer first (see {@link PacketHeadBuffer}): smbj's signing wrapper MACs the payload where it lies and the packet
 * head (header, WRITE fields, signature) is serialized into a small buffer of its own.
 * Answers are read by smbj's own {@link DirectTcpPacketReader}.
 */
final class PayloadByReferenceTransport implements TransportLayer<SMBPacket<?, ?>> {
    private final PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers;
    private final SocketFactory sockets;
    private final int soTimeout;
    private final ReentrantLock writing = new ReentrantLock();
    private final byte[] frame = new byte[4];
    private volatile Socket socket;
    private OutputStream out;
    private DirectTcpPacketReader<SMBPacketData<?>> reader;

    /** Plugs this transport into smbj: {@code SmbConfig.builder().withTransportLayerFactory(PayloadByReferenceTransport.FACTORY)}. */
    static final TransportLayerFactory<SMBPacketData<?>, SMBPacket<?, ?>> FACTORY = PayloadByReferenceTransport::new;

    private PayloadByReferenceTransport(PacketHandlers<SMBPacketData<?>, SMBPacket<?, ?>> handlers, SmbConfig config) {
        this.handlers = handlers;
        this.sockets = config.getSocketFactory();
        this.soTimeout = config.getSoTimeout();
    }

    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        Socket s = sockets.createSocket(remote.getHostString(), remote.getPort());
        s.setSoTimeout(soTimeout);
        writing.lock();
        try {
            // small heads go out with the next payload's first bytes rather than alone; a whole packet is flushed
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            reader = new DirectTcpPacketReader<>(remote.getHostString(), s.getInputStream(), handlers.getPacketFactory(), handlers.getReceiver());
            socket = s;
        } finally {
            writing.unlock();
        }
        reader.start();
    }

    @Override
    public void write(SMBPacket<?, ?> packet) throws TransportException {
        writing.lock();
        try {
            if (!isConnected()) throw new TransportException("cannot send " + packet + ": the connection is closed");
            // a buffer of its own per packet: smbj reads the bytes of NEGOTIATE and SESSION_SETUP requests back
            // from it later (SMB 3.1.1's pre-authentication hash)
            var b = new PacketHeadBuffer();
            packet.write(b);
            int length = b.available() + b.tailLength();
            if (length > 0xffffff) throw new TransportException("cannot send " + packet + ": " + length + " bytes exceed direct TCP's 16 MiB frame");
            frame[0] = 0;
            frame[1] = (byte) (length >>> 16);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            out.write(frame);
            out.write(b.array(), b.rpos(), b.available());
            if (b.tail() != null) out.write(b.tail(), b.tailOffset(), b.tailLength());
            out.flush();
        } catch (IOException e) {
            throw new TransportException(e);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void disconnect() throws IOException {
        writing.lock();
        try {
            Socket s = socket;
            if (s == null) return;
            socket = null;
            reader.stop();
            try {
                out.close();
            } finally {
                s.close();
            }
        } finally {
            writing.unlock();
        }
    }

    @Override
    public boolean isConnected() {
        Socket s = socket;
        return s != null && s.isConnected() && !s.isClosed();
    }
}
