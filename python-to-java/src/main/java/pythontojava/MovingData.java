package pythontojava;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java side of moving bytes between Python and Java (DATA.md): what Java hands out (a pattern
 * in a byte[] or a direct ByteBuffer) and what it does with what arrives (keeps it, copies it into
 * its own array, checks it). The checksum is CRC-32, the same as Python's zlib.crc32, so that each
 * side can check what the other sent.
 */
public final class MovingData {
    /** The largest payload: one Java array holds at most 2^31 - 1 bytes; these lessons need far fewer. */
    public static final int MAX_SIZE = 64 << 20;

    private MovingData() {}

    private static int checkedSize(int size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + ": must be from 0 to " + MAX_SIZE + " bytes");
        }
        return size;
    }

    /** The test pattern: byte i is (i * 31 + 7) & 0xff, never all zeros. */
    @HostAccess.Export
    public static byte[] pattern(int size) {
        byte[] bytes = new byte[checkedSize(size)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** The same pattern in native memory, outside the Java heap (what Python can see without a copy). */
    @HostAccess.Export
    public static ByteBuffer directPattern(int size) {
        return ByteBuffer.allocateDirect(size).put(pattern(size)).clear();
    }

    /** Java receives a byte[] that Python made (JPype converted or built it): it keeps it, and returns it. */
    @HostAccess.Export
    public static byte[] receive(byte[] data) {
        return data;
    }

    /**
     * Java receives a buffer over Python's own memory (no copy yet) and copies it into its own array
     * once, as memcpy would: afterwards Python may reuse or free its memory.
     */
    @HostAccess.Export
    public static byte[] copyInto(ByteBuffer from, byte[] into) {
        if (from.remaining() != into.length) {
            throw new IllegalArgumentException(from.remaining() + " bytes do not fit a byte[" + into.length + "]");
        }
        from.duplicate().get(into);
        return into;
    }

    @HostAccess.Export
    public static long checksum(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** The rows of a 2-D array, one after the other. */
    @HostAccess.Export
    public static long checksum(byte[][] rows) {
        CRC32 crc = new CRC32();
        for (byte[] row : rows) {
            crc.update(row);
        }
        return crc.getValue();
    }

    @HostAccess.Export
    public static long checksum(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        return crc.getValue();
    }
}
