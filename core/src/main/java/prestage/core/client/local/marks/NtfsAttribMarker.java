package prestage.core.client.local.marks;

import prestage.core.images.ReadOnlyMarker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import prestage.core.client.local.platform.Xattrs;

/**
 * The DOS read-only attribute on an ntfs-3g mount: {@code system.ntfs_attrib} holds the file's
 * attributes as 4 little-endian bytes; bit 0x1 is FILE_ATTRIBUTE_READONLY. Other bits are kept as they are.
 */
public final class NtfsAttribMarker implements ReadOnlyMarker {
    static final String XATTR = "system.ntfs_attrib";
    static final int FILE_ATTRIBUTE_READONLY = 0x1;

    @Override
    public boolean isReadOnly(Path file) throws IOException {
        return (attributes(file) & FILE_ATTRIBUTE_READONLY) != 0;
    }

    @Override
    public void setReadOnly(Path file, boolean readOnly) throws IOException {
        int old = attributes(file);
        int now = readOnly ? old | FILE_ATTRIBUTE_READONLY : old & ~FILE_ATTRIBUTE_READONLY;
        if (now != old) {
            Xattrs.set(file, XATTR, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(now).array());
        }
    }

    private static int attributes(Path file) throws IOException {
        byte[] raw = Xattrs.get(file, XATTR).orElseThrow(() -> new IOException(file + " has no " + XATTR
                + ": is it on an ntfs-3g mount?"));
        if (raw.length < 4) throw new IOException(file + ": " + XATTR + " has " + raw.length + " bytes, expected 4");
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
