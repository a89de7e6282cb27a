package javatoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Linker;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Zlib wrapper (libz.so.1 through FFM) against the JDK's own java.util.zip, which carries its own zlib. */
class ZlibTest {
    private static final int PIECE = Zlib.ARRAY_PIECE;

    /** Random bytes (incompressible: compress's worst case) or repeated text (compressible). */
    static byte[] bytes(int size, boolean random) {
        byte[] bytes = new byte[size];
        if (random) {
            new Random(size).nextBytes(bytes);
        } else {
            byte[] text = "the JVM calls zlib. ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < size; i++) {
                bytes[i] = text[i % text.length];
            }
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 7, 1 << 20})
    void crc32IsJavaUtilZipsCrc32(int size) {
        byte[] data = bytes(size, true);
        CRC32 jdk = new CRC32();
        jdk.update(data);
        assertEquals(jdk.getValue(), Zlib.crc32(data)); // across the 64 KiB pieces too
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, PIECE + 1, 4 << 20})
    void compressRoundTripsAndTheJdkAgreesBothWays(int size) throws DataFormatException {
        for (boolean random : new boolean[] {false, true}) {
            byte[] data = bytes(size, random);
            byte[] compressed = Zlib.compress(data);
            assertArrayEquals(data, Zlib.uncompress(compressed, size));
            assertArrayEquals(data, jdkInflate(compressed, size), "java.util.zip.Inflater reads zlib's output");
            assertArrayEquals(data, Zlib.uncompress(jdkDeflate(data), size), "zlib reads java.util.zip.Deflater's");
            if (!random && size >= 1000) {
                assertTrue(compressed.length < size / 10, "repeated text shrinks: " + compressed.length);
            }
        }
    }

    @Test
    void everyLevelRoundTripsAndABadLevelIsZStreamError() {
        byte[] data = bytes(10_000, false);
        for (int level = -1; level <= 9; level++) {
            assertArrayEquals(data, Zlib.uncompress(Zlib.compress(data, level), data.length), "level " + level);
        }
        ZlibException e = assertThrows(ZlibException.class, () -> Zlib.compress(data, 10));
        assertEquals(ZlibException.Z_STREAM_ERROR, e.code());
        assertEquals("compress2: Z_STREAM_ERROR (-2): an argument is invalid (a compression level outside -1..9?)", e.getMessage());
    }

    @Test
    void corruptOrTruncatedInputIsZDataErrorNotACrash() {
        byte[] data = bytes(100_000, false);
        byte[] compressed = Zlib.compress(data);
        byte[] badHeader = compressed.clone();
        badHeader[0] ^= 0x55;
        byte[] badChecksum = compressed.clone(); // zlib's format ends with the Adler-32 of the data
        badChecksum[badChecksum.length - 1] ^= 1;
        byte[] badMiddle = compressed.clone();
        badMiddle[compressed.length / 2] ^= (byte) 0xff;
        byte[][] broken = {badHeader, badChecksum, badMiddle, Arrays.copyOf(compressed, compressed.length - 5),
            Arrays.copyOf(compressed, 2), new byte[0], bytes(5000, true), "not zlib at all".getBytes(StandardCharsets.US_ASCII)};
        for (byte[] input : broken) {
            ZlibException e = assertThrows(ZlibException.class, () -> Zlib.uncompress(input, data.length));
            assertEquals(ZlibException.Z_DATA_ERROR, e.code(), e.getMessage());
            assertEquals("uncompress: Z_DATA_ERROR (-3): the input is corrupt, truncated or not in zlib's format", e.getMessage());
        }
    }

    @Test
    void aResultLargerThanExpectedIsZBufError() {
        byte[] data = bytes(10_000, false);
        byte[] compressed = Zlib.compress(data);
        for (int expected : new int[] {0, 1, 100, data.length - 1}) {
            ZlibException e = assertThrows(ZlibException.class, () -> Zlib.uncompress(compressed, expected));
            assertEquals(ZlibException.Z_BUF_ERROR, e.code(), "expected size " + expected);
            assertEquals("uncompress: Z_BUF_ERROR (-5): the result is larger than the room given (the expected size)", e.getMessage());
        }
        assertArrayEquals(data, Zlib.uncompress(compressed, data.length * 2), "more room is fine: the result has its own length");
        assertArrayEquals(new byte[0], Zlib.uncompress(Zlib.compress(new byte[0]), 0));
    }

    @Test
    void badArgumentsAreRefusedInJavaBeforeC() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zlib.uncompress(new byte[1], -1));
        assertEquals("expectedSize must be 0 or more, not -1", e.getMessage());
        assertEquals("bytes", assertThrows(NullPointerException.class, () -> Zlib.crc32(null)).getMessage());
        assertEquals("data", assertThrows(NullPointerException.class, () -> Zlib.compress(null)).getMessage());
        assertEquals("compressed", assertThrows(NullPointerException.class, () -> Zlib.uncompress(null, 1)).getMessage());
    }

    @Test
    void uLongIsTheLinkersCLongNotAGuess() {
        assertEquals(Linker.nativeLinker().canonicalLayouts().get("long"), Zlib.U_LONG);
        assertEquals(8, Zlib.U_LONG.byteSize(), "Linux x86-64 is LP64: long is 64 bits (on Windows, 32)");
    }

    static byte[] jdkInflate(byte[] compressed, int size) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                assertTrue(n > 0 || inflater.finished() || !inflater.needsInput(), "the stream ended early");
                out.write(buffer, 0, n);
            }
            assertEquals(size, out.size());
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    static byte[] jdkDeflate(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
