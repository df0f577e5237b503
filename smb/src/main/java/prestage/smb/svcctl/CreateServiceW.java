package prestage.smb.svcctl;

import java.io.IOException;

import com.rapid7.client.dcerpc.io.PacketInput;
import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.io.ndr.Alignment;
import com.rapid7.client.dcerpc.messages.RequestCall;
import com.rapid7.client.dcerpc.messages.RequestResponse;
import com.rapid7.client.dcerpc.objects.WChar;

/**
 * MS-SCMR 3.1.4.12 RCreateServiceW (opnum 12), which dcerpc 0.12.13 lacks:
 * <pre>
 * DWORD RCreateServiceW([in] SC_RPC_HANDLE hSCManager, [in, string] wchar_t* lpServiceName,
 *     [in, string, unique] wchar_t* lpDisplayName, [in] DWORD dwDesiredAccess, [in] DWORD dwServiceType,
 *     [in] DWORD dwStartType, [in] DWORD dwErrorControl, [in, string] wchar_t* lpBinaryPathName,
 *     [in, string, unique] wchar_t* lpLoadOrderGroup, [in, out, unique] LPDWORD lpdwTagId,
 *     [in, unique, size_is(dwDependSize)] LPBYTE lpDependencies, [in] DWORD dwDependSize,
 *     [in, string, unique] wchar_t* lpServiceStartName, [in, unique, size_is(dwPwSize)] LPBYTE lpPassword,
 *     [in] DWORD dwPwSize, [out] LPSC_RPC_HANDLE lpServiceHandle);
 * </pre>
 * No load order group, tag, dependencies or account: the service runs as LocalSystem (a null lpServiceStartName), so no
 * password ever crosses the wire.
 */
public final class CreateServiceW extends RequestCall<CreateServiceW.Response> {
    public static final short OPNUM = 12;
    public static final int SERVICE_WIN32_OWN_PROCESS = 0x10;
    public static final int SERVICE_DEMAND_START = 3;
    public static final int SERVICE_ERROR_IGNORE = 0;
    /** DELETE | SERVICE_QUERY_STATUS | SERVICE_START | SERVICE_STOP: what a one-shot service's creator needs. */
    public static final int ONE_SHOT_ACCESS = 0x0001_0000 | 0x0004 | 0x0010 | 0x0020;

    private final byte[] manager;
    private final String name;
    private final String displayName;
    private final int access;
    private final String binaryPath;

    public CreateServiceW(byte[] manager, String name, String displayName, int access, String binaryPath) {
        super(OPNUM);
        this.manager = manager.clone();
        this.name = name;
        this.displayName = displayName;
        this.access = access;
        this.binaryPath = binaryPath;
    }

    @Override
    public Response getResponseObject() {
        return new Response();
    }

    @Override
    public void marshal(PacketOutput out) throws IOException {
        out.write(manager);
        out.writeMarshallable(WChar.NullTerminated.of(name)); // [string] ref pointer: the string itself
        if (out.writeReferentID(displayName)) out.writeMarshallable(WChar.NullTerminated.of(displayName));
        out.align(Alignment.FOUR);
        out.writeInt(access);
        out.writeInt(SERVICE_WIN32_OWN_PROCESS);
        out.writeInt(SERVICE_DEMAND_START);
        out.writeInt(SERVICE_ERROR_IGNORE);
        out.writeMarshallable(WChar.NullTerminated.of(binaryPath));
        out.align(Alignment.FOUR);
        out.writeNull(); // lpLoadOrderGroup
        out.writeNull(); // lpdwTagId
        out.writeNull(); // lpDependencies
        out.writeInt(0); // dwDependSize
        out.writeNull(); // lpServiceStartName: LocalSystem
        out.writeNull(); // lpPassword
        out.writeInt(0); // dwPwSize
    }

    /** The tag (unused) and the new service's handle. */
    public static final class Response extends RequestResponse {
        private byte[] handle;

        public byte[] handle() {
            return handle.clone();
        }

        @Override
        public void unmarshalResponse(PacketInput in) throws IOException {
            if (in.readReferentID() != 0) in.readInt(); // lpdwTagId
            handle = new byte[20];
            in.readRawBytes(handle);
        }
    }
}
