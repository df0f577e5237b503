package prestage.smb.winreg;

import com.rapid7.client.dcerpc.io.PacketInput;
import com.rapid7.client.dcerpc.messages.RequestResponse;

/** The answer of a call whose only output is its return code (set value, delete key, delete value). */
public final class StatusOnly extends RequestResponse {
    @Override
    public void unmarshalResponse(PacketInput in) {
        // nothing before the return code
    }
}
