package prestage.smb.svcctl;

import java.io.IOException;
import java.util.Optional;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.smbj.session.Session;
import com.rapid7.client.dcerpc.Interface;
import com.rapid7.client.dcerpc.RPCException;
import com.rapid7.client.dcerpc.messages.HandleResponse;
import com.rapid7.client.dcerpc.msvcctl.messages.RChangeServiceConfigWRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.RCloseServiceHandleRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.RControlServiceRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.ROpenSCManagerWRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.ROpenServiceWRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.RQueryServiceConfigWRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.RQueryServiceConfigWResponse;
import com.rapid7.client.dcerpc.msvcctl.messages.RQueryServiceStatusRequest;
import com.rapid7.client.dcerpc.msvcctl.messages.RQueryServiceStatusResponse;
import com.rapid7.client.dcerpc.msvcctl.messages.RStartServiceWRequest;
import com.rapid7.client.dcerpc.objects.WChar;
import com.rapid7.client.dcerpc.service.Service;
import com.rapid7.client.dcerpc.transport.SMBTransport;
import com.rapid7.helper.smbj.share.NamedPipe;

import prestage.smb.connect.NamedPipes;

/**
 * The service manager of a Windows client (MS-SCMR over {@code \PIPE\svcctl}): dcerpc's messages plus the two it lacks
 * ({@link CreateServiceW}, {@link DeleteService}). Calls answer with the Win32 status where a caller decides what a
 * status means (starting a service that is not a service program answers ERROR_SERVICE_REQUEST_TIMEOUT, and that is
 * fine for a one-shot command); other failures are one-line exceptions naming the host and what to do. Calls are
 * serialized: the run and a shutdown hook putting things back may share the pipe.
 */
public final class ServiceManager extends Service implements AutoCloseable {
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    public static final int ERROR_SERVICE_ALREADY_RUNNING = 1056;
    public static final int ERROR_SERVICE_DISABLED = 1058;
    public static final int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    public static final int ERROR_SERVICE_NOT_ACTIVE = 1062;
    public static final int ERROR_SERVICE_MARKED_FOR_DELETE = 1072;
    public static final int ERROR_SERVICE_EXISTS = 1073;
    /** dwCurrentState */
    public static final int SERVICE_STOPPED = 1;
    public static final int SERVICE_RUNNING = 4;
    /** dwStartType */
    public static final int SERVICE_DEMAND_START = 3;
    public static final int SERVICE_DISABLED = 4;
    private static final int NO_CHANGE = 0xffff_ffff;
    private static final int SC_MANAGER_CONNECT = 0x0001;
    private static final int SC_MANAGER_CREATE_SERVICE = 0x0002;
    private static final int SERVICE_CONTROL_STOP = 1;
    /** QUERY_CONFIG | CHANGE_CONFIG | QUERY_STATUS | START | STOP: enough to start a service and put it back. */
    public static final int SERVICE_MANAGE = 0x0001 | 0x0002 | 0x0004 | 0x0010 | 0x0020;

    private final NamedPipe pipe;
    private final String host;
    private byte[] manager;

    private ServiceManager(SMBTransport transport, NamedPipe pipe, String host) {
        super(transport);
        this.pipe = pipe;
        this.host = host;
    }

    /** Opens {@code \PIPE\svcctl} on the session's IPC$ share and binds MS-SCMR. */
    public static ServiceManager open(Session session, String host) throws IOException {
        NamedPipe pipe;
        try {
            pipe = NamedPipes.open(session, host, "svcctl");
        } catch (NamedPipes.Refused e) {
            if (e.status() == NtStatus.STATUS_ACCESS_DENIED) throw accessDenied(host, null);
            throw new IOException("cannot reach the service manager of " + host + " (\\PIPE\\svcctl: " + e.status() + ")", e);
        }
        var transport = new SMBTransport(pipe);
        transport.bind(Interface.SVCCTL_V2_0, Interface.NDR_32BIT_V2);
        return new ServiceManager(transport, pipe, host);
    }

    public String host() {
        return host;
    }

    /** What Windows answers a local account that UAC's remote restrictions filtered, and what to do about it. */
    public static RPCException accessDenied(String host, String what) {
        return new RPCException((what == null ? "the service manager of " + host : what + " on " + host)
                + ": access denied; log on as an administrator of " + host + " (UAC remote restrictions filter local accounts other than "
                + "the built-in Administrator over the network, unless LocalAccountTokenFilterPolicy is 1: use a domain account in its "
                + "Administrators group or the built-in Administrator)", ERROR_ACCESS_DENIED);
    }

    private synchronized byte[] manager() throws IOException {
        if (manager == null) {
            HandleResponse r = call(new ROpenSCManagerWRequest(null, null, SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE));
            check(r.getReturnValue(), null);
            manager = r.getHandle();
        }
        return manager;
    }

    /** The service's handle, opened with {@code access}; empty when no service has that name. */
    public synchronized Optional<byte[]> openService(String name, int access) throws IOException {
        HandleResponse r = call(new ROpenServiceWRequest(manager(), WChar.NullTerminated.of(name), access));
        if (r.getReturnValue() == ERROR_SERVICE_DOES_NOT_EXIST) return Optional.empty();
        check(r.getReturnValue(), "open the service " + name);
        return Optional.of(r.getHandle());
    }

    /** Creates a demand-start service that runs {@code binaryPath} as LocalSystem; returns its handle. */
    public synchronized byte[] createService(String name, String displayName, String binaryPath) throws IOException {
        CreateServiceW.Response r = call(new CreateServiceW(manager(), name, displayName, CreateServiceW.ONE_SHOT_ACCESS, binaryPath));
        check(r.getReturnValue(), "create the service " + name);
        return r.handle();
    }

    /** Marks the service for deletion; one already marked is fine. */
    public synchronized void deleteService(byte[] service, String name) throws IOException {
        int rc = call(new DeleteService(service)).getReturnValue();
        if (rc != ERROR_SERVICE_MARKED_FOR_DELETE) check(rc, "delete the service " + name);
    }

    /** StartServiceW's status, unjudged. */
    public synchronized int start(byte[] service) throws IOException {
        return call(new RStartServiceWRequest(service)).getReturnValue();
    }

    /** Asks the service to stop; one that is not running is fine. */
    public synchronized void stop(byte[] service, String name) throws IOException {
        int rc = call(new RControlServiceRequest(service, SERVICE_CONTROL_STOP)).getReturnValue();
        if (rc != ERROR_SERVICE_NOT_ACTIVE) check(rc, "stop the service " + name);
    }

    /** dwCurrentState: {@link #SERVICE_STOPPED}, {@link #SERVICE_RUNNING} or a pending state. */
    public synchronized int state(byte[] service, String name) throws IOException {
        RQueryServiceStatusResponse r = call(new RQueryServiceStatusRequest(service));
        check(r.getReturnValue(), "query the service " + name);
        return r.getLpServiceStatus().getDwCurrentState();
    }

    /** dwStartType: 2 automatic, {@link #SERVICE_DEMAND_START}, {@link #SERVICE_DISABLED}. */
    public synchronized int startType(byte[] service, String name) throws IOException {
        RQueryServiceConfigWResponse r = call(new RQueryServiceConfigWRequest(service, 8192));
        check(r.getReturnValue(), "read the configuration of the service " + name);
        return r.getLpServiceConfig().getDwStartType();
    }

    /** Changes only the start type (every other field SERVICE_NO_CHANGE or null). */
    public synchronized void setStartType(byte[] service, String name, int startType) throws IOException {
        var r = call(new RChangeServiceConfigWRequest(service, NO_CHANGE, startType, NO_CHANGE, null, null, null, null, null, null, null));
        check(r.getReturnValue(), "change the start type of the service " + name);
    }

    public synchronized void closeHandle(byte[] handle) throws IOException {
        call(new RCloseServiceHandleRequest(handle));
    }

    private void check(int rc, String what) throws IOException {
        if (rc == 0) return;
        if (rc == ERROR_ACCESS_DENIED) throw accessDenied(host, what);
        throw new RPCException((what == null ? "the service manager of " + host : what + " on " + host) + " failed (Windows error " + rc + ")", rc);
    }

    @Override
    public synchronized void close() {
        try {
            if (manager != null) closeHandle(manager);
        } catch (IOException | RuntimeException e) {
            // the pipe closes below either way, and Windows closes the handle with it
        }
        manager = null;
        try {
            pipe.close();
        } catch (RuntimeException e) {
            // a cut connection: nothing left to close
        }
    }
}
