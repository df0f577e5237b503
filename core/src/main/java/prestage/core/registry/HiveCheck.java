package prestage.core.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import prestage.core.BadInputException;

/**
 * Looks at a hive's base block and bin chain before libhivex opens it: hivex reports a damaged file only as an
 * errno, and people need to hear which file is wrong and how.
 */
public final class HiveCheck {
    private HiveCheck() {
    }

    /** Throws a {@link BadInputException} naming {@code file} and the damage; {@code forWriting} also refuses dirty hives. */
    public static void check(Path file, boolean forWriting) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("the hive " + file + " does not exist or is not a file: give the path of a registry hive "
                    + "(Windows\\System32\\config\\SOFTWARE), or new-hive:" + file + " to start a blank one");
        }
        long size = Files.size(file);
        if (size < BlankHive.BASE_BLOCK + BlankHive.BIN_SIZE) {
            throw damaged(file, "it is " + size + " bytes, less than the 8 KiB every hive has (truncated, or not a hive)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer base = read(ch, 0, BlankHive.BASE_BLOCK);
            if (base.get(0) != 'r' || base.get(1) != 'e' || base.get(2) != 'g' || base.get(3) != 'f') {
                throw damaged(file, "it does not start with 'regf', so it is not a registry hive");
            }
            if (base.getInt(0x14) != 1) {
                throw damaged(file, "its format version is " + base.getInt(0x14) + "." + base.getInt(0x18) + ", not 1.x");
            }
            if (BlankHive.checksum(base) != base.getInt(0x1FC)) {
                throw damaged(file, "its header checksum does not match its header (the header is damaged)");
            }
            long end = BlankHive.BASE_BLOCK + Integer.toUnsignedLong(base.getInt(0x28));
            if (end > size) {
                throw damaged(file, "its header says the hive runs to byte " + end + " but the file has " + size
                        + " bytes (truncated)");
            }
            for (long at = BlankHive.BASE_BLOCK; at < end; ) {
                ByteBuffer bin = read(ch, at, 12);
                if (bin.get(0) != 'h' || bin.get(1) != 'b' || bin.get(2) != 'i' || bin.get(3) != 'n') {
                    throw damaged(file, "there is no hive bin at byte " + at + " (the data is damaged)");
                }
                long binSize = Integer.toUnsignedLong(bin.getInt(8));
                if (binSize == 0 || binSize % 0x1000 != 0 || at + binSize > end) {
                    throw damaged(file, "the hive bin at byte " + at + " has a bad size " + binSize);
                }
                at += binSize;
            }
            int primary = base.getInt(0x04);
            int secondary = base.getInt(0x08);
            if (forWriting && primary != secondary) {
                throw new BadInputException("the hive " + file + " was not closed cleanly (sequence numbers " + primary + " and "
                        + secondary + " differ; recent changes sit in its .LOG1/.LOG2 files): shut that Windows down fully "
                        + "(not Fast Startup or hibernation) and try again, nothing was changed");
            }
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) break;
        }
        return buf;
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException("the hive " + file + " is not usable: " + why + "; restore it from a backup "
                + "or give another file, nothing was changed");
    }
}
