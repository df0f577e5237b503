package prestage.smb.svcctl;

import java.io.IOException;

import com.rapid7.client.dcerpc.io.PacketInput;
import com.rapid7.client.dcerpc.io.PacketOutput;
import com.rapid7.client.dcerpc.messages.RequestCall;
import com.rapid7.client.dcerpc.messages.RequestResponse;

/**
 * MS-SCMR 3.1.4.2 RDeleteService (opnum 2), which dcerpc 0.12.13 lacks: {@code DWORD RDeleteService([in] SC_RPC_HANDLE
 * hService)}. Windows marks the service for deletion and removes it once it is stopped and every handle to it closed.
 */
public final class DeleteService extends RequestCall<DeleteService.Response> {
    public static final short OPNUM = 2;

    private final byte[] service;

    public DeleteService(byte[] service) {
        super(OPNUM);
        this.service = service.clone();
    }

    @Override
    public Response getResponseObject() {
        return new Response();
    }

    @Override
    public void marshal(PacketOutput out) throws IOException {
        out.write(service);
    }

    /** Only the return code. */
    public static final class Response extends RequestResponse {
        @Override
        public void unmarshalResponse(PacketInput in) {
            // nothing before the return code
        }
    }
}
