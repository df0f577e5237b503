package prestage.smb.winreg;

import java.io.IOException;

import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.messages.RequestCall;
import com.rapid7.client.dcerpc.objects.RPCUnicodeString;

/**
 * MS-RRP BaseRegDeleteKey (opnum 7: a subkey without subkeys of its own) and BaseRegDeleteValue (opnum 8); both take a
 * key handle and one RRP_UNICODE_STRING.
 */
public final class BaseRegDelete extends RequestCall<StatusOnly> {
    public static final short DELETE_KEY = 7;
    public static final short DELETE_VALUE = 8;

    private final byte[] key;
    private final String name;

    private BaseRegDelete(short opnum, byte[] key, String name) {
        super(opnum);
        this.key = key.clone();
        this.name = name;
    }

    public static BaseRegDelete key(byte[] parent, String subKey) {
        return new BaseRegDelete(DELETE_KEY, parent, subKey);
    }

    public static BaseRegDelete value(byte[] key, String name) {
        return new BaseRegDelete(DELETE_VALUE, key, name);
    }

    @Override
    public StatusOnly getResponseObject() {
        return new StatusOnly();
    }

    @Override
    public void marshal(PacketOutput out) throws IOException {
        out.write(key);
        out.writeMarshallable(RPCUnicodeString.NullTerminated.of(name));
    }
}
