package prestage.core.msi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the streams of an OLE compound file ([MS-CFB]), the container an MSI package is: a header, a FAT of sector
 * chains, a directory of 128-byte entries, and a mini stream (with its own mini FAT) holding the streams smaller than
 * the cutoff. Only what reading an MSI's tables needs: streams of the root storage, by name, read whole.
 */
final class CompoundFile {
    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L;
    private static final int END_OF_CHAIN = -2;
    private static final int FREE = -1;
    private static final int MAX_STREAM = 64 << 20;

    private final ByteBuffer file;
    private final int sectorSize;
    private final int miniSectorSize;
    private final int miniCutoff;
    private final int[] fat;
    private final int[] miniFat;
    private final byte[] miniStream;
    private final Map<String, int[]> streams = new HashMap<>(); // name -> {start sector, size}

    private CompoundFile(ByteBuffer file, String name) throws IOException {
        this.file = file.order(ByteOrder.LITTLE_ENDIAN);
        if (file.capacity() < 512 || file.getLong(0) != SIGNATURE) throw new IOException(name + " is not an OLE compound file");
        sectorSize = 1 << file.getShort(0x1E);
        miniSectorSize = 1 << file.getShort(0x20);
        if (sectorSize != 512 && sectorSize != 4096) throw new IOException(name + ": unknown sector size " + sectorSize);
        miniCutoff = file.getInt(0x38);
        fat = readFat(file.getInt(0x2C), file.getInt(0x44));
        byte[] directory = chain(file.getInt(0x30), -1);
        int rootStart = 0;
        long rootSize = 0;
        for (int at = 0; at + 128 <= directory.length; at += 128) {
            var e = ByteBuffer.wrap(directory, at, 128).slice().order(ByteOrder.LITTLE_ENDIAN);
            int type = e.get(0x42);
            int nameBytes = Math.max(0, Math.min(64, e.getShort(0x40)) - 2);
            char[] chars = new char[nameBytes / 2];
            for (int i = 0; i < chars.length; i++) chars[i] = e.getChar(i * 2);
            int start = e.getInt(0x74);
            long size = sectorSize == 512 ? e.getInt(0x78) & 0xFFFF_FFFFL : e.getLong(0x78);
            if (type == 5) {
                rootStart = start;
                rootSize = size;
            } else if (type == 2) {
                if (size > MAX_STREAM) throw new IOException(name + ": stream of " + size + " bytes is too large to be a table");
                streams.put(new String(chars), new int[] {start, (int) size});
            }
        }
        miniFat = toInts(file.getInt(0x40) == 0 ? new byte[0] : chain(file.getInt(0x3C), -1));
        miniStream = rootSize == 0 ? new byte[0] : chain(rootStart, (int) Math.min(rootSize, MAX_STREAM));
    }

    static CompoundFile open(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) throw new IOException(path + " is too large to read as a package's tables");
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read whole
            }
            b.flip();
            return new CompoundFile(b, path.toString());
        }
    }

    /** Directory names as stored (MSI stream names are encoded; see {@link MsiStreamName}). */
    Iterable<String> names() {
        return streams.keySet();
    }

    Optional<byte[]> stream(String storedName) throws IOException {
        int[] s = streams.get(storedName);
        if (s == null) return Optional.empty();
        if (s[1] < miniCutoff) return Optional.of(miniChain(s[0], s[1]));
        return Optional.of(chain(s[0], s[1]));
    }

    private int[] readFat(int fatSectors, int firstDifat) throws IOException {
        int[] sectors = new int[fatSectors];
        int n = 0;
        for (int i = 0; i < 109 && n < fatSectors; i++) sectors[n++] = file.getInt(0x4C + 4 * i);
        int difat = firstDifat;
        int perSector = sectorSize / 4 - 1;
        for (int guard = 0; n < fatSectors && difat >= 0 && guard < 1 << 20; guard++) {
            int base = offset(difat);
            for (int i = 0; i < perSector && n < fatSectors; i++) sectors[n++] = file.getInt(base + 4 * i);
            difat = file.getInt(base + 4 * perSector);
        }
        int per = sectorSize / 4;
        int[] table = new int[fatSectors * per];
        for (int s = 0; s < fatSectors; s++) {
            int base = offset(sectors[s]);
            for (int i = 0; i < per; i++) table[s * per + i] = file.getInt(base + 4 * i);
        }
        return table;
    }

    private int offset(int sector) throws IOException {
        long off = (long) (sector + 1) * sectorSize;
        if (sector < 0 || off + sectorSize > file.capacity()) throw new IOException("sector " + sector + " lies outside the file");
        return (int) off;
    }

    /** The bytes of the FAT chain from {@code start}; {@code size} -1 reads the whole chain. */
    private byte[] chain(int start, int size) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        int s = start;
        for (int guard = 0; s != END_OF_CHAIN && s != FREE && (size < 0 || out.size() < size); guard++) {
            if (guard > fat.length) throw new IOException("a sector chain loops");
            out.write(file.array(), offset(s), sectorSize);
            if (s >= fat.length) throw new IOException("sector " + s + " is not in the FAT");
            s = fat[s];
        }
        byte[] b = out.toByteArray();
        if (size >= 0 && b.length < size) throw new IOException("a stream ends before its size");
        return size < 0 ? b : java.util.Arrays.copyOf(b, size);
    }

    private byte[] miniChain(int start, int size) throws IOException {
        byte[] out = new byte[size];
        int s = start;
        for (int at = 0, guard = 0; at < size; at += miniSectorSize, guard++) {
            if (s < 0 || s >= miniFat.length || guard > miniFat.length) throw new IOException("a mini stream chain is broken");
            int from = s * miniSectorSize;
            if (from + Math.min(miniSectorSize, size - at) > miniStream.length) throw new IOException("a mini sector lies outside the mini stream");
            System.arraycopy(miniStream, from, out, at, Math.min(miniSectorSize, size - at));
            s = miniFat[s];
        }
        return out;
    }

    private static int[] toInts(byte[] b) {
        var buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.length / 4];
        for (int i = 0; i < out.length; i++) out[i] = buf.getInt();
        return out;
    }
}
