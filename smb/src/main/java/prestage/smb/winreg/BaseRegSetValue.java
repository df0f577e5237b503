package prestage.smb.winreg;

import java.io.IOException;

import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.io.ndr.Alignment;

/**
 * MS-RRP 3.1.5.22 BaseRegSetValue (opnum 22), which dcerpc 0.12.13 lacks:
 * <pre>
 * error_status_t BaseRegSetValue([in] RPC_HKEY hKey, [in] PRRP_UNICODE_STRING lpValueName, [in] DWORD dwType,
 *     [in, size_is(cbData)] LPBYTE lpData, [in] DWORD cbData);
 * </pre>
 * lpData is a top-level reference pointer, so it goes on the wire as the conformant array itself (count, bytes).
 */
public final class BaseRegSetValue extends KeyNameCall<StatusOnly> {
    public static final short OPNUM = 22;

    private final int type;
    private final byte[] data;

    public BaseRegSetValue(byte[] key, String name, int type, byte[] data) {
        super(OPNUM, key, name, StatusOnly::new);
        this.type = type;
        this.data = data.clone();
    }

    @Override
    void marshalAfterName(PacketOutput out) throws IOException {
        out.align(Alignment.FOUR);
        out.writeInt(type);
        out.writeInt(data.length); // conformant array: maximum count
        out.write(data);
        out.align(Alignment.FOUR);
        out.writeInt(data.length); // cbData
    }
}
