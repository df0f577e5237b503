package prestage.smb.connect;

import java.io.IOException;
import java.util.List;

import com.hierynomus.mssmb2.messages.SMB2NegotiateRequest;
import com.hierynomus.mssmb2.messages.negotiate.SMB2NegotiateContext;
import com.hierynomus.mssmb2.messages.negotiate.SMB2NegotiateContextType;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.transport.PacketFactory;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smb.SMBPacketData;
import com.hierynomus.smbj.SmbConfig;

/**
 * The one place where prestage changes what smbj 0.14 negotiates: SMB 3.1.1 signing with AES-128-GMAC.
 * <p>
 * smbj neither offers the SMB2_SIGNING_CAPABILITIES negotiate context (MS-SMB2 2.2.3.1.7) nor parses it in the answer
 * (its context factory fails on a type it does not know), so every SMB 3.1.1 session it makes signs with AES-CMAC.
 * Per connection, {@link PayloadByReferenceTransport} calls in here at two points:
 * <ol>
 * <li>{@link #offer}: before smbj serializes its NEGOTIATE request, a signing-capabilities context (GMAC, then CMAC)
 * is appended to the request's own context list, so smbj writes it with the count, padding and message length it
 * writes for its own contexts; {@link #markOffered} then sets the context's type field (smbj's context class takes
 * only the types it knows). Both happen before the bytes are sent, and smbj's pre-authentication integrity hash is
 * taken over the request's buffer afterwards: over exactly the bytes sent.</li>
 * <li>{@link #reading}: the NEGOTIATE response is read through {@link NegotiateResponseView}, which records the
 * algorithm the server chose and hides the contexts smbj cannot parse from its parser, while the raw bytes, which
 * smbj hashes, stay as received.</li>
 * </ol>
 * The signing key is the same for both algorithms in 3.1.1 (MS-SMB2 3.2.5.3.1); {@link JdkSecurityProvider} then
 * hands smbj a {@link GmacMac} where smbj asks for "AesCmac". {@code GmacSigningTest} signs, reads and writes against
 * a real smbd with signing mandatory, and fails if an smbj upgrade changes any of these points.
 * <p>
 * When it is offered ({@link #offered()}): by default only on JDK 25 and later. JDK 17's GCM copies the additional
 * data twice per message (a ByteArrayOutputStream and its {@code toByteArray}), so there GMAC saved no CPU against
 * AES-CMAC on push and cost 10-15 MiB of peak memory on verify (bench/smb/RESULTS.md); JDK 25 keeps one copy and GMAC
 * saved 0.4-0.6 CPU s per GiB pushed. {@code -Dprestage.smb.signing=gmac} or {@code =cmac} overrides (the bench
 * measures one against the other with it).
 */
public final class SigningNegotiation {
    /** MS-SMB2 2.2.3.1: SMB2_SIGNING_CAPABILITIES. */
    static final int SIGNING_CAPABILITIES = 0x0008;
    static final int HMAC_SHA256 = 0;
    static final int AES_CMAC = 1;
    static final int AES_GMAC = 2;
    /** Stands in for {@link #SIGNING_CAPABILITIES} while smbj serializes (it writes the enum's value). */
    private static final SMB2NegotiateContextType PLACEHOLDER = SMB2NegotiateContextType.SMB2_NETNAME_NEGOTIATE_CONTEXT_ID;
    private static final int[] OFFERED = {AES_GMAC, AES_CMAC};

    /** A security provider that signs with what its connection negotiated (the transport finds the negotiation there). */
    interface Carrier {
        SigningNegotiation signing();
    }

    /** The algorithm the server chose; AES-CMAC until (and unless) it chose otherwise. */
    private volatile int algorithm = AES_CMAC;
    private boolean offered;

    /** The config for one connection: a security provider of its own that signs with what this connection chose. */
    public static SmbConfig forOneConnection(SmbConfig config) {
        boolean ours = config.getSecurityProvider() instanceof JdkSecurityProvider
                && config.getTransportLayerFactory() == PayloadByReferenceTransport.FACTORY;
        if (!ours || !offered()) return config;
        return SmbConfig.builder(config).withSecurityProvider(new JdkSecurityProvider(new SigningNegotiation())).build();
    }

    /** Whether AES-GMAC is offered: {@code -Dprestage.smb.signing=gmac|cmac}, else on JDK 25 and later only. */
    static boolean offered() {
        String choice = System.getProperty("prestage.smb.signing", "auto");
        if (choice.equalsIgnoreCase("gmac")) return true;
        if (choice.equalsIgnoreCase("cmac")) return false;
        return Runtime.version().feature() >= GMAC_FROM_JDK;
    }

    /** The first JDK on which GMAC measured cheaper than CMAC here (17 copies GCM's additional data twice). */
    static final int GMAC_FROM_JDK = 25;

    /** Whether the connection made with {@code config} (from {@link #forOneConnection}) signs with AES-GMAC. */
    public static java.util.function.BooleanSupplier gmacChosen(SmbConfig config) {
        SigningNegotiation n = config.getSecurityProvider() instanceof Carrier c ? c.signing() : null;
        return () -> n != null && n.gmac();
    }

    /** True once the server chose AES-GMAC for this connection. */
    boolean gmac() {
        return algorithm == AES_GMAC;
    }

    /** The algorithm the server chose (MS-SMB2 2.2.3.1.7 ids: 0 HMAC-SHA256, 1 AES-CMAC, 2 AES-GMAC). */
    int algorithm() {
        return algorithm;
    }

    /** Adds the signing-capabilities context to an SMB 3.1.1 NEGOTIATE request (it has a context list only then). */
    void offer(SMB2NegotiateRequest request) {
        List<SMB2NegotiateContext> contexts = request.getNegotiateContextList();
        offered = !contexts.isEmpty();
        if (offered) contexts.add(new SigningCapabilities());
    }

    /**
     * After smbj wrote the request offered to into {@code packet} (header at 0): gives the last context, ours, its
     * real type. Throws if the bytes are not laid out as MS-SMB2 says (an smbj that writes them differently).
     */
    void markOffered(byte[] packet, int length) {
        if (!offered) return;
        offered = false;
        int count = u16(packet, 64 + 32);
        int at = (int) u32(packet, 64 + 28);
        for (int i = 0; i < count - 1; i++) at = align8(at + 8 + u16(packet, at + 2));
        if (at + 8 + 6 > length || u16(packet, at) != PLACEHOLDER.getValue() || u16(packet, at + 2) != 6
                || u16(packet, at + 8) != OFFERED.length) {
            throw new IllegalStateException("smbj wrote its NEGOTIATE contexts in a layout prestage does not know");
        }
        packet[at] = (byte) SIGNING_CAPABILITIES;
        packet[at + 1] = (byte) (SIGNING_CAPABILITIES >>> 8);
    }

    /** Reads packets with {@code smbj}'s factory, NEGOTIATE responses through {@link NegotiateResponseView}. */
    PacketFactory<SMBPacketData<?>> reading(PacketFactory<SMBPacketData<?>> smbj) {
        return new PacketFactory<>() {
            @Override
            public SMBPacketData<?> read(byte[] data) throws Buffer.BufferException, IOException {
                var view = NegotiateResponseView.of(data);
                if (view == null) return smbj.read(data);
                if (view.signingAlgorithm() >= 0) algorithm = view.signingAlgorithm();
                if (gmac()) GmacMac.warmUp(); // while NTLM and the tree connect go on
                return view.packetData();
            }

            @Override
            public boolean canHandle(byte[] data) {
                return smbj.canHandle(data);
            }
        };
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }

    /** MS-SMB2 2.2.3.1.7: SigningAlgorithmCount, then the algorithms in the client's order of preference. */
    private static final class SigningCapabilities extends SMB2NegotiateContext {
        SigningCapabilities() {
            super(PLACEHOLDER);
        }

        @Override
        protected int writeContext(SMBBuffer buffer) {
            buffer.putUInt16(OFFERED.length);
            for (int id : OFFERED) buffer.putUInt16(id);
            return 2 + 2 * OFFERED.length;
        }
    }
}
