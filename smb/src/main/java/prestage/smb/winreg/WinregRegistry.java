package prestage.smb.winreg;

import prestage.smb.connect.SmbFailures;
import prestage.smb.share.SmbShare;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import prestage.core.BadInputException;
import prestage.core.registry.Bitness;
import prestage.core.registry.RegEdit;
import prestage.core.registry.RegLocation;
import prestage.core.registry.RegValue;
import prestage.core.registry.RegistryBackend;
import prestage.core.registry.RootKey;
import prestage.smb.svcctl.RemoteRegistryStarter;

/**
 * A remote client's registry over winreg. Keys are addressed by their physical path: the 32-bit view of
 * {@code HKLM\SOFTWARE\X} on an x64 client is {@code HKLM\SOFTWARE\WOW6432Node\X} (core's Wow64Redirection maps it,
 * as for an offline hive), opened with KEY_WOW64_64KEY so Windows does not redirect it a second time. The client is
 * x64 when {@code HKLM\SOFTWARE\WOW6432Node} exists. Only HKLM is reachable (HKCU would be the admin's own).
 */
public final class WinregRegistry implements RegistryBackend, AutoCloseable {
    private static final int READ = RemoteRegistry.KEY_READ | RemoteRegistry.KEY_WOW64_64KEY;
    private static final int WRITE = RemoteRegistry.KEY_READ | RemoteRegistry.KEY_WRITE | RemoteRegistry.DELETE | RemoteRegistry.KEY_WOW64_64KEY;

    /** How long a trigger-started Remote Registry (Windows 8 and later) may take to serve its pipe before prestage starts it. */
    private static final Duration TRIGGER_START = Duration.ofSeconds(2);
    /** How long the pipe may take to appear once the service runs. */
    private static final Duration PIPE_AFTER_START = Duration.ofSeconds(10);

    private final SmbShare share;
    private final RemoteRegistryStarter starter;
    private RemoteRegistry winreg;
    private Bitness bitness;

    public WinregRegistry(SmbShare share) {
        this(share, null);
    }

    /** {@code starter} starts a stopped Remote Registry service when the pipe is missing (null: fail instead). */
    public WinregRegistry(SmbShare share, RemoteRegistryStarter starter) {
        this.share = share;
        this.starter = starter;
    }

    @Override
    public String describe() {
        return "the registry of " + share.address().host() + " (over \\PIPE\\winreg)";
    }

    private synchronized RemoteRegistry winreg() throws IOException {
        if (winreg == null) {
            try {
                winreg = openWithin(TRIGGER_START);
            } catch (PipeMissingException e) {
                if (starter == null) throw e;
                starter.start();
                winreg = openWithin(PIPE_AFTER_START);
            }
        }
        return winreg;
    }

    /**
     * Whether the registry can be read as the client is now: the pipe is open already, or opens at the first try. Starts
     * nothing and does not wait for a trigger-started service: for checks that are worth no change on the client.
     */
    public synchronized boolean readableAsItIs() throws IOException {
        if (winreg == null) {
            try {
                winreg = RemoteRegistry.open(share.session(), share.address().host());
            } catch (PipeMissingException e) {
                return false;
            }
        }
        return true;
    }

    /** Opens the pipe, trying again while it is missing, up to {@code patience}. */
    private RemoteRegistry openWithin(Duration patience) throws IOException {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return RemoteRegistry.open(share.session(), share.address().host());
            } catch (PipeMissingException e) {
                if (System.nanoTime() > end) throw e;
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public java.util.Optional<String> afterWriteNote() {
        return starter != null && starter.changed()
                ? java.util.Optional.of("the Remote Registry service of " + share.address().host() + " was started for this; it is put back when the run ends")
                : java.util.Optional.empty();
    }

    @Override
    public synchronized Bitness bitness() {
        if (bitness == null) {
            try {
                bitness = winreg().is64Bit() ? Bitness.X64 : Bitness.X86;
            } catch (prestage.core.registry.NotReadableWithoutChanges e) {
                // what-if: the message says what a run would do; a registry verb reports that as a planned change (the cause)
                throw new BadInputException("cannot read the registry of " + share.address().host() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new BadInputException("cannot read the registry of " + share.address().host() + ": " + SmbFailures.oneLine(e));
            }
        }
        return bitness;
    }

    private static String subPath(RegLocation at) {
        if (at.key().root() != RootKey.HKEY_LOCAL_MACHINE) {
            throw new BadInputException(at.describe() + ": over SMB only HKEY_LOCAL_MACHINE keys can be reached");
        }
        return String.join("\\", at.key().names());
    }

    /** The open key, or empty when it (or a key above it) is missing; the caller closes it. */
    private Optional<byte[]> open(RemoteRegistry r, String path, int access) throws IOException {
        byte[] hklm = r.openLocalMachine(RemoteRegistry.MAXIMUM_ALLOWED);
        try {
            if (path.isEmpty()) return Optional.of(r.openLocalMachine(access));
            return r.openKey(hklm, path, access);
        } finally {
            r.closeKey(hklm);
        }
    }

    @Override
    public synchronized Optional<List<RegValue>> values(RegLocation at) throws IOException {
        return read(at, RemoteRegistry::values);
    }

    @Override
    public synchronized List<String> subkeys(RegLocation at) throws IOException {
        return read(at, RemoteRegistry::subkeys).orElse(List.of());
    }

    private interface KeyRead<T> {
        T from(RemoteRegistry r, byte[] key) throws IOException;
    }

    /** What {@code read} finds in the key at {@code at}, opened for reading and closed after; empty when the key is missing. */
    private <T> Optional<T> read(RegLocation at, KeyRead<T> read) throws IOException {
        RemoteRegistry r = winreg();
        Optional<byte[]> key = open(r, subPath(at), READ);
        if (key.isEmpty()) return Optional.empty();
        try {
            return Optional.of(read.from(r, key.get()));
        } finally {
            r.closeKey(key.get());
        }
    }

    @Override
    public synchronized void apply(List<RegEdit> edits) throws IOException {
        RemoteRegistry r = winreg();
        for (RegEdit edit : edits) {
            String path = subPath(edit.at());
            if (edit instanceof RegEdit.SetValue set) {
                byte[] key = create(r, edit.at().key().names());
                try {
                    r.setValue(key, set.value());
                } finally {
                    r.closeKey(key);
                }
            } else if (edit instanceof RegEdit.DeleteValue del) {
                Optional<byte[]> key = open(r, path, WRITE);
                if (key.isPresent()) {
                    try {
                        r.deleteValue(key.get(), del.name());
                    } finally {
                        r.closeKey(key.get());
                    }
                }
            } else if (edit instanceof RegEdit.DeleteKey) {
                deleteTree(r, edit.at().key().names());
            }
        }
    }

    /** Creates each missing key from HKLM down (BaseRegCreateKey one level at a time); returns the last one open. */
    private byte[] create(RemoteRegistry r, List<String> names) throws IOException {
        byte[] current = r.openLocalMachine(RemoteRegistry.MAXIMUM_ALLOWED);
        for (String name : names) {
            byte[] next = r.createKey(current, name, WRITE).handle();
            r.closeKey(current);
            current = next;
        }
        return current;
    }

    private void deleteTree(RemoteRegistry r, List<String> names) throws IOException {
        if (names.isEmpty()) throw new BadInputException("refusing to delete HKEY_LOCAL_MACHINE itself");
        String path = String.join("\\", names);
        Optional<byte[]> key = open(r, path, WRITE);
        if (key.isEmpty()) return;
        List<String> children;
        try {
            children = r.subkeys(key.get());
        } finally {
            r.closeKey(key.get());
        }
        for (String child : children) {
            var below = new ArrayList<>(names);
            below.add(child);
            deleteTree(r, below);
        }
        Optional<byte[]> parent = open(r, String.join("\\", names.subList(0, names.size() - 1)), WRITE);
        if (parent.isEmpty()) return;
        try {
            r.deleteKey(parent.get(), names.get(names.size() - 1));
        } finally {
            r.closeKey(parent.get());
        }
    }

    /** Closes the pipe, then puts the Remote Registry service back if it was started; returns a problem doing so. */
    @Override
    public synchronized void close() {
        try {
            if (winreg != null) winreg.close();
        } catch (RuntimeException e) {
            // a cut connection: the pipe went with it
        }
        winreg = null;
    }

    public synchronized java.util.Optional<String> closeAndRestore() {
        close();
        return starter == null ? java.util.Optional.empty() : starter.restore();
    }
}
