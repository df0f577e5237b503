package prestage.smb.winreg;

import java.io.IOException;
import java.util.function.Supplier;

import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.messages.RequestCall;
import com.rapid7.client.dcerpc.messages.RequestResponse;
import com.rapid7.client.dcerpc.objects.RPCUnicodeString;

/**
 * An MS-RRP call whose parameters begin with a key handle and a name (an RRP_UNICODE_STRING): create key, set value,
 * delete key, delete value. This writes those two; a call with more parameters writes them in {@link #marshalAfterName}.
 */
abstract class KeyNameCall<R extends RequestResponse> extends RequestCall<R> {
    private final byte[] key;
    private final String name;
    private final Supplier<R> response;

    KeyNameCall(short opnum, byte[] key, String name, Supplier<R> response) {
        super(opnum);
        this.key = key.clone();
        this.name = name;
        this.response = response;
    }

    @Override
    public final R getResponseObject() {
        return response.get();
    }

    @Override
    public final void marshal(PacketOutput out) throws IOException {
        out.write(key);
        out.writeMarshallable(RPCUnicodeString.NullTerminated.of(name));
        marshalAfterName(out);
    }

    /** The parameters after the name, if the call has any. */
    void marshalAfterName(PacketOutput out) throws IOException {
    }
}
