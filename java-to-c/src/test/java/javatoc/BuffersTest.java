package javatoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of moving bytes in JniBuffers, FfmBuffers and JnaBuffers (the methods that
 * MovingDataBenchmark times), both directions: what arrives is what was sent, at sizes from 0 to
 * above 1 MiB, and not a byte more; bad sizes and closed buffers are refused in Java.
 */
class BuffersTest {
    static final int CAPACITY = (1 << 20) + 3; // above 1 MiB, and odd
    static final int[] SIZES = {0, 1, 7, 1024, 65_537, CAPACITY};

    interface Move {
        void move(byte[] array, int size);
    }

    /** One way, both directions, over one instance of its mechanism's class. */
    record Way(Move toC, Move fromC, IntToLongFunction checksumInC, IntConsumer fillInC) {}

    static JniBuffers jni;
    static FfmBuffers ffm;
    static JnaBuffers jna;

    @BeforeAll
    static void allocate() {
        jni = new JniBuffers(CAPACITY);
        ffm = new FfmBuffers(CAPACITY);
        jna = new JnaBuffers(CAPACITY);
    }

    @AfterAll
    static void free() {
        jni.close();
        ffm.close();
        jna.close();
    }

    static Stream<Named<Way>> ways() {
        return Stream.of(
                Named.of("JNI Get/SetByteArrayRegion", new Way(jni::regionToC, jni::regionFromC, jni::checksumInC, jni::fillInC)),
                Named.of("JNI GetPrimitiveArrayCritical", new Way(jni::criticalToC, jni::criticalFromC, jni::checksumInC, jni::fillInC)),
                Named.of("JNI direct ByteBuffer", new Way(jni::directToC, jni::directFromC, jni::checksumInC, jni::fillInC)),
                Named.of("FFM MemorySegment.copy", new Way(ffm::copyToC, ffm::copyFromC, ffm::checksumInC, ffm::fillInC)),
                Named.of("FFM heap segment, critical", new Way(ffm::heapToC, ffm::heapFromC, ffm::checksumInC, ffm::fillInC)),
                Named.of("FFM a native copy per call (back: MemorySegment.copy)", new Way(ffm::allocateToC, ffm::copyFromC, ffm::checksumInC, ffm::fillInC)),
                Named.of("JNA byte[]", new Way(jna::arrayToC, jna::arrayFromC, jna::checksumInC, jna::fillInC)),
                Named.of("JNA Pointer.write/read", new Way(jna::writeToC, jna::readFromC, jna::checksumInC, jna::fillInC)),
                Named.of("JNA direct ByteBuffer", new Way(jna::directToC, jna::directFromC, jna::checksumInC, jna::fillInC)));
    }

    /** buffer_fill's pattern: byte i = (i * 31 + 7) & 0xff. */
    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** FNV-1a, 64 bits: buffer_checksum in Java. */
    static long checksum(byte[] bytes, int size) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < size; i++) {
            hash = (hash ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    @ParameterizedTest
    @MethodSource("ways")
    void javaToCArrivesWholeAndNoMore(Way way) {
        byte[] source = new byte[CAPACITY];
        new Random(27).nextBytes(source);
        byte[] pattern = pattern(CAPACITY);
        for (int size : SIZES) {
            way.fillInC().accept(CAPACITY); // what C holds before: the pattern
            way.toC().move(source, size);
            assertEquals(checksum(source, size), way.checksumInC().applyAsLong(size), "the first " + size + " bytes in C");
            byte[] expected = pattern.clone(); // and after them, still the pattern
            System.arraycopy(source, 0, expected, 0, size);
            assertEquals(checksum(expected, CAPACITY), way.checksumInC().applyAsLong(CAPACITY), "C's whole buffer after " + size);
        }
    }

    @ParameterizedTest
    @MethodSource("ways")
    void cToJavaArrivesWholeAndNoMore(Way way) {
        way.fillInC().accept(CAPACITY);
        byte[] pattern = pattern(CAPACITY);
        for (int size : SIZES) {
            byte[] destination = new byte[CAPACITY + 5];
            Arrays.fill(destination, (byte) 0x55);
            byte[] expected = destination.clone(); // the first size bytes from C, the rest untouched
            System.arraycopy(pattern, 0, expected, 0, size);
            way.fromC().move(destination, size);
            assertArrayEquals(expected, destination, "a move of " + size + " bytes into Java");
        }
    }

    @Test
    void ffmToArrayReturnsANewArrayOfExactlyTheBytes() {
        ffm.fillInC(CAPACITY);
        byte[] pattern = pattern(CAPACITY);
        for (int size : SIZES) {
            assertArrayEquals(Arrays.copyOf(pattern, size), ffm.toArrayFromC(size), size + " bytes");
        }
        assertRefused(() -> ffm.toArrayFromC(CAPACITY + 1), "the C buffer's capacity");
        assertRefused(() -> ffm.toArrayFromC(-1), "size -1");
    }

    @ParameterizedTest
    @MethodSource("ways")
    void refusesSizesOutsideTheArrayOrTheCBuffer(Way way) {
        byte[] small = new byte[10];
        byte[] large = new byte[CAPACITY + 1];
        for (Move move : new Move[] {way.toC(), way.fromC()}) {
            assertRefused(() -> move.move(small, -1), "size -1 is outside 0..10");
            assertRefused(() -> move.move(small, 11), "size 11 is outside 0..10");
            assertRefused(() -> move.move(large, CAPACITY + 1), "size " + (CAPACITY + 1) + " is outside 0.." + CAPACITY);
            assertThrows(NullPointerException.class, () -> move.move(null, 0));
        }
        assertRefused(() -> way.checksumInC().applyAsLong(CAPACITY + 1), "the C buffer's capacity");
    }

    static void assertRefused(Runnable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aClosedBufferIsRefusedNotFreedTwice() {
        byte[] bytes = pattern(16);
        JniBuffers closedJni = new JniBuffers(16);
        closedJni.close();
        closedJni.close();
        assertThrows(IllegalStateException.class, () -> closedJni.criticalToC(bytes, 16));
        JnaBuffers closedJna = new JnaBuffers(16);
        closedJna.close();
        closedJna.close();
        assertThrows(IllegalStateException.class, () -> closedJna.writeToC(bytes, 16));
        FfmBuffers closedFfm = new FfmBuffers(16);
        closedFfm.close();
        assertThrows(IllegalStateException.class, closedFfm::close);
        assertThrows(IllegalStateException.class, () -> closedFfm.heapToC(bytes, 16));
        assertThrows(IllegalStateException.class, () -> closedFfm.copyFromC(bytes, 16));
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JniBuffers(-1));
        assertThrows(IllegalArgumentException.class, () -> new FfmBuffers(-1));
        assertThrows(IllegalArgumentException.class, () -> new JnaBuffers(-1));
    }
}
