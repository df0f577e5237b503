package prestage.smb.winreg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.session.Session;
import com.rapid7.client.dcerpc.Interface;
import com.rapid7.client.dcerpc.RPCException;
import com.rapid7.client.dcerpc.messages.HandleResponse;
import com.rapid7.client.dcerpc.messages.RequestCall;
import com.rapid7.client.dcerpc.messages.RequestResponse;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegCloseKey;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegEnumKeyRequest;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegEnumValueRequest;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegOpenKey;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegQueryValueRequest;
import com.rapid7.client.dcerpc.msrrp.messages.BaseRegQueryValueResponse;
import com.rapid7.client.dcerpc.msrrp.messages.HandleRequest;
import com.rapid7.client.dcerpc.objects.RPCUnicodeString;
import com.rapid7.client.dcerpc.service.Service;
import com.rapid7.client.dcerpc.transport.SMBTransport;
import com.rapid7.helper.smbj.share.NamedPipe;

import prestage.smb.connect.NamedPipes;
import prestage.core.registry.RegValue;

/**
 * The remote registry of a Windows client (MS-RRP over {@code \PIPE\winreg}), on dcerpc's transport and messages plus
 * the calls it lacks (create key, set value, delete). Key handles are 20-byte context handles; close what you open.
 * <p>
 * Not used from dcerpc: {@code RegistryService.getSubKeys}, which turns each key's last-write time into a FileTime and
 * fails on the 0 that Samba reports; {@link #subkeys} reads only the names. The pipe is opened here rather than through
 * {@code SMBTransportFactories}, so that a missing pipe is one line naming the Remote Registry service (that factory
 * also sleeps 3 s and retries on STATUS_PIPE_NOT_AVAILABLE).
 */
public final class RemoteRegistry extends Service implements AutoCloseable {
    public static final int KEY_QUERY_VALUE = 0x0001;
    public static final int KEY_SET_VALUE = 0x0002;
    public static final int KEY_CREATE_SUB_KEY = 0x0004;
    public static final int KEY_ENUMERATE_SUB_KEYS = 0x0008;
    public static final int KEY_WOW64_64KEY = 0x0100;
    public static final int KEY_WOW64_32KEY = 0x0200;
    public static final int DELETE = 0x0001_0000;
    public static final int KEY_READ = 0x0002_0019;
    public static final int KEY_WRITE = 0x0002_0006;
    public static final int MAXIMUM_ALLOWED = 0x0200_0000;
    private static final int OPEN_HKLM = 2;
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_NO_MORE_ITEMS = 259;
    private static final int MAX_NAME = 32767;
    private static final int MAX_DATA = 1 << 20;

    private final NamedPipe pipe;
    private final String host;

    private RemoteRegistry(SMBTransport transport, NamedPipe pipe, String host) {
        super(transport);
        this.pipe = pipe;
        this.host = host;
    }

    /** Opens {@code \PIPE\winreg} on the session's IPC$ share and binds MS-RRP. */
    public static RemoteRegistry open(Session session, String host) throws IOException {
        NamedPipe pipe;
        try {
            pipe = NamedPipes.open(session, host, "winreg");
        } catch (NamedPipes.Refused e) {
            String start = "): start its Remote Registry service (sc \\\\" + host + " start RemoteRegistry)";
            if (PipeMissingException.isMissing(e.status())) {
                throw new PipeMissingException("the remote registry of " + host + " is not running (\\PIPE\\winreg: " + e.status() + start, e);
            }
            throw new IOException("cannot open the remote registry of " + host + " (\\PIPE\\winreg: " + e.status() + start, e);
        } catch (NamedPipes.NoPipeShare e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // smbj's message carries the status as a decimal number: say it by name
            String why = "the pipe did not open";
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SMBApiException s) {
                    why = s.getStatus() == com.hierynomus.mserref.NtStatus.STATUS_OBJECT_NAME_NOT_FOUND ? "no such pipe" : s.getStatus().name();
                    break;
                }
            }
            throw new IOException("cannot open the remote registry of " + host + " (\\PIPE\\winreg: " + why
                    + "): start its Remote Registry service (sc \\\\" + host + " start RemoteRegistry)", e);
        }
        var transport = new SMBTransport(pipe);
        transport.bind(Interface.WINREG_V1_0, Interface.NDR_32BIT_V2);
        return new RemoteRegistry(transport, pipe, host);
    }

    /** HKEY_LOCAL_MACHINE (OpenLocalMachine, opnum 2). */
    public byte[] openLocalMachine(int access) throws IOException {
        HandleResponse r = callExpectSuccess(new HandleRequest((short) OPEN_HKLM, access), "OpenLocalMachine");
        return r.getHandle();
    }

    /** Opens {@code path} (backslash-separated) below {@code parent}; empty when it does not exist. The raw mask may carry KEY_WOW64_32KEY/64KEY. */
    public Optional<byte[]> openKey(byte[] parent, String path, int access) throws IOException {
        HandleResponse r = call(new BaseRegOpenKey(parent, RPCUnicodeString.NullTerminated.of(path), 0, access));
        if (r.getReturnValue() == ERROR_FILE_NOT_FOUND) return Optional.empty();
        check(r.getReturnValue(), "open key " + path);
        return Optional.of(r.getHandle());
    }

    /** Creates (or opens) the subkey {@code name} of {@code parent} with {@code access}; returns its handle and whether it was new. */
    public BaseRegCreateKey.Response createKey(byte[] parent, String name, int access) throws IOException {
        BaseRegCreateKey.Response r = call(new BaseRegCreateKey(parent, name, access));
        check(r.getReturnValue(), "create key " + name);
        return r;
    }

    /** The value, or empty when it does not exist. */
    public Optional<RegValue> queryValue(byte[] key, String name) throws IOException {
        BaseRegQueryValueResponse r = call(new BaseRegQueryValueRequest(key, RPCUnicodeString.NullTerminated.of(name), MAX_DATA));
        if (r.getReturnValue() == ERROR_FILE_NOT_FOUND) return Optional.empty();
        check(r.getReturnValue(), "query value " + name);
        byte[] data = r.getData() == null ? new byte[0] : r.getData().getArray();
        return Optional.of(new RegValue(name, r.getType(), data));
    }

    public void setValue(byte[] key, RegValue value) throws IOException {
        check(call(new BaseRegSetValue(key, value.name(), value.type(), value.data())).getReturnValue(), "set value " + value.name());
    }

    /** Deletes a value; a missing one is fine. */
    public void deleteValue(byte[] key, String name) throws IOException {
        int rc = call(BaseRegDelete.value(key, name)).getReturnValue();
        if (rc != ERROR_FILE_NOT_FOUND) check(rc, "delete value " + name);
    }

    /** Deletes a subkey that has no subkeys; a missing one is fine. */
    public void deleteKey(byte[] parent, String name) throws IOException {
        int rc = call(BaseRegDelete.key(parent, name)).getReturnValue();
        if (rc != ERROR_FILE_NOT_FOUND) check(rc, "delete key " + name);
    }

    /** The key's values in stored order (BaseRegEnumValue). */
    public List<RegValue> values(byte[] key) throws IOException {
        return enumerate("enumerate values", i -> new BaseRegEnumValueRequest(key, i, MAX_NAME, MAX_DATA), r -> new RegValue(
                r.getName() == null || r.getName().getValue() == null ? "" : r.getName().getValue(),
                r.getType(), r.getData() == null ? new byte[0] : r.getData().getArray()));
    }

    /** The names of the key's subkeys (BaseRegEnumKey; the last-write time is not read). */
    public List<String> subkeys(byte[] key) throws IOException {
        return enumerate("enumerate subkeys", i -> new BaseRegEnumKeyRequest(key, i, MAX_NAME, MAX_NAME), r -> r.getLpNameOut().getValue());
    }

    /** Asks for item 0, 1, 2, ... until the server answers ERROR_NO_MORE_ITEMS: how MS-RRP lists a key's contents. */
    private <R extends RequestResponse, T> List<T> enumerate(String what, IntFunction<RequestCall<R>> request, Function<R, T> item)
            throws IOException {
        var out = new ArrayList<T>();
        for (int i = 0; ; i++) {
            R r = call(request.apply(i));
            if (r.getReturnValue() == ERROR_NO_MORE_ITEMS) return out;
            check(r.getReturnValue(), what);
            out.add(item.apply(r));
        }
    }

    public void closeKey(byte[] key) throws IOException {
        call(new BaseRegCloseKey(key));
    }

    /** A 64-bit Windows has HKLM\SOFTWARE\WOW6432Node, where its 32-bit programs' HKLM\SOFTWARE lives. */
    public boolean is64Bit() throws IOException {
        byte[] hklm = openLocalMachine(MAXIMUM_ALLOWED);
        try {
            Optional<byte[]> node = openKey(hklm, "SOFTWARE\\WOW6432Node", KEY_READ | KEY_WOW64_64KEY);
            if (node.isPresent()) closeKey(node.get());
            return node.isPresent();
        } finally {
            closeKey(hklm);
        }
    }

    private void check(int rc, String what) throws IOException {
        if (rc == 0) return;
        if (rc == 5) {
            throw new RPCException(what + " on " + host + ": access denied (remote registry writes need an administrator)", rc);
        }
        throw new RPCException(what + " on " + host, rc);
    }

    @Override
    public void close() {
        pipe.close();
    }
}
