package prestage.smb.winreg;

import java.io.IOException;

import com.rapid7.client.dcerpc.io.PacketInput;
import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.io.ndr.Alignment;
import com.rapid7.client.dcerpc.messages.RequestResponse;
import com.rapid7.client.dcerpc.objects.RPCUnicodeString;

/**
 * MS-RRP 3.1.5.7 BaseRegCreateKey (opnum 6), which dcerpc 0.12.13 lacks:
 * <pre>
 * error_status_t BaseRegCreateKey([in] RPC_HKEY hKey, [in] PRRP_UNICODE_STRING lpSubKey,
 *     [in] PRRP_UNICODE_STRING lpClass, [in] DWORD dwOptions, [in] REGSAM samDesired,
 *     [in, unique] PRPC_SECURITY_ATTRIBUTES lpSecurityAttributes, [out] PRPC_HKEY phkResult,
 *     [in, out, unique] LPDWORD lpdwDisposition);
 * </pre>
 * No class, no security attributes (the key inherits its parent's), a non-volatile key.
 */
public final class BaseRegCreateKey extends KeyNameCall<BaseRegCreateKey.Response> {
    public static final short OPNUM = 6;
    /** lpdwDisposition: the key was created, or it existed and was opened. */
    public static final int REG_CREATED_NEW_KEY = 1;
    public static final int REG_OPENED_EXISTING_KEY = 2;

    private final int access;

    public BaseRegCreateKey(byte[] parent, String subKey, int access) {
        super(OPNUM, parent, subKey, Response::new);
        this.access = access;
    }

    @Override
    void marshalAfterName(PacketOutput out) throws IOException {
        // lpClass: an RRP_UNICODE_STRING with Length 0 and a null buffer
        out.writeMarshallable(RPCUnicodeString.NullTerminated.of(null));
        out.align(Alignment.FOUR);
        out.writeInt(0); // dwOptions: REG_OPTION_NON_VOLATILE
        out.writeInt(access);
        out.writeNull(); // lpSecurityAttributes
        out.writeReferentID(); // lpdwDisposition: a pointer to a DWORD the server fills in
        out.writeInt(0);
    }

    /** phkResult and the disposition. */
    public static final class Response extends RequestResponse {
        private byte[] handle;
        private int disposition;

        public byte[] handle() {
            return handle.clone();
        }

        public int disposition() {
            return disposition;
        }

        @Override
        public void unmarshalResponse(PacketInput in) throws IOException {
            handle = new byte[20];
            in.readRawBytes(handle);
            if (in.readReferentID() != 0) disposition = in.readInt();
        }
    }
}
