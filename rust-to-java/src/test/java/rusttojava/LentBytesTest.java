package rusttojava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rust lends its buffer to a Java upcall (LentBytes, as MovingDataBenchmark times it): a known
 * pattern moves each way at several sizes, checked byte for byte in Java and by Rust's checksum.
 */
class LentBytesTest {
    /** Empty, one byte, odd sizes, and one above 1 MiB. */
    static final int[] SIZES = {0, 1, 31, 65_537, 3 * 1024 * 1024 + 1};
    static final int LARGEST = 3 * 1024 * 1024 + 1;

    static Arena arena;
    static MemorySegment rust;
    static byte[] array;
    static LentBytes java;

    @BeforeAll
    static void allocate() {
        arena = Arena.ofShared();
        rust = LentBytes.rustBuffer(LARGEST, arena);
        array = new byte[LARGEST];
        java = new LentBytes(array, arena);
    }

    @AfterAll
    static void free() {
        arena.close();
    }

    /** byte i = (i * 31 + seed) & 0xff, as Rust's bytes_pattern writes it. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** The 64-bit FNV-1a hash, as Rust's bytes_checksum computes it. */
    static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    @Test
    void rustToJavaThroughAnUpcall() {
        int seed = 7;
        for (int size : SIZES) {
            assertTrue(RustCalls.bytesPattern(rust, size, (byte) (seed += 2)));
            Arrays.fill(array, (byte) 0x55);
            byte[] received = java.receiveFromRust(rust, size);
            assertArrayEquals(pattern(size, seed), Arrays.copyOf(received, size), size + " bytes");
            assertEquals((byte) 0x55, size < LARGEST ? received[size] : 0x55, "nothing past the length");
        }
    }

    @Test
    void javaToRustThroughAnUpcall() {
        int seed = 8;
        for (int size : SIZES) {
            RustCalls.bytesPattern(rust, LARGEST, (byte) 0); // something else first
            byte[] sent = pattern(size, seed += 2);
            System.arraycopy(sent, 0, array, 0, size);
            java.sendToRust(rust, size);
            assertEquals(fnv1a(sent), RustCalls.bytesChecksum(rust, size), size + " bytes");
        }
    }

    @Test
    void moreThanEitherSideHoldsIsRefusedAndNoUpcallRuns() {
        try (Arena small = Arena.ofConfined()) {
            MemorySegment eight = LentBytes.rustBuffer(8, small);
            LentBytes sixteen = new LentBytes(new byte[16], small);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sixteen.sendToRust(eight, 9));
            assertEquals("Rust's buffer holds fewer than 9 bytes", e.getMessage());
            assertFalse(RustCalls.bytesLend(eight, 8, MemorySegment.NULL)); // a NULL function is not called
            assertFalse(RustCalls.bytesLend(MemorySegment.NULL, 0, MemorySegment.NULL));
            assertFalse(RustCalls.bytesPattern(eight, 9, (byte) 1));
            assertEquals(0, RustCalls.bytesChecksum(eight, 9));
            assertEquals(fnv1a(new byte[8]), RustCalls.bytesChecksum(eight, 8)); // zeroed by Rust
        }
    }

    @Test
    void anExceptionInTheUpcallComesBackAfterRustReturnedAndNothingIsLeftOver() {
        try (Arena small = Arena.ofConfined()) {
            MemorySegment eight = LentBytes.rustBuffer(8, small);
            RustCalls.bytesPattern(eight, 8, (byte) 3);
            LentBytes four = new LentBytes(new byte[4], small);
            // Rust lends 8 bytes; copying them into 4 throws inside the upcall, which catches it,
            // and Java throws it again once Rust has returned. The JVM goes on.
            assertThrows(IndexOutOfBoundsException.class, () -> four.receiveFromRust(eight, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> four.sendToRust(eight, 8));
            assertArrayEquals(pattern(4, 3), four.receiveFromRust(eight, 4)); // and nothing is left over
        }
    }

    @Test
    void aClosedArenaClosesTheBufferAndTheUpcallsBeforeRustIsCalled() {
        Arena small = Arena.ofConfined();
        MemorySegment eight = LentBytes.rustBuffer(8, small);
        LentBytes lent = new LentBytes(new byte[8], small);
        small.close(); // Rust's bytes_free has run
        assertThrows(IllegalStateException.class, () -> lent.receiveFromRust(eight, 8));
        assertThrows(IllegalStateException.class, () -> RustCalls.bytesChecksum(eight, 8));
    }
}
