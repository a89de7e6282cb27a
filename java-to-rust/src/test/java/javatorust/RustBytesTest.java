package javatorust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way RustBytes moves bytes (the ones MovingDataBenchmark times) moves a known pattern at
 * several sizes, and what arrived is checked: by Rust's checksum (Java -> Rust), byte for byte
 * (Rust -> Java). One Rust buffer and one native buffer for all of them, as the benchmark has.
 */
class RustBytesTest {
    /** Empty, one byte, odd sizes, and one above 1 MiB. */
    static final int[] SIZES = {0, 1, 31, 65_537, 3 * 1024 * 1024 + 1};
    static final int LARGEST = 3 * 1024 * 1024 + 1;

    static Arena arena;
    static RustBytes rust;
    static MemorySegment nativeMemory;

    @BeforeAll
    static void allocate() {
        arena = Arena.ofShared();
        rust = RustBytes.allocate(LARGEST, arena);
        nativeMemory = arena.allocate(LARGEST);
    }

    @AfterAll
    static void free() {
        arena.close();
    }

    /** byte i = (i * 31 + seed) & 0xff: no two neighbours equal, and a different pattern per seed. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** The 64-bit FNV-1a hash, as lib.rs's bytes_checksum computes it. */
    static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    interface In {
        void send(byte[] source, int length);
    }

    interface Out {
        void receive(byte[] destination, int length);
    }

    void checkIn(In way) {
        int seed = 7;
        for (int size : SIZES) {
            rust.copyInFromHeap(new byte[size], size); // zeros first: what is checked is this call's
            byte[] sent = pattern(size, seed += 2);
            way.send(sent, size);
            assertEquals(fnv1a(sent), rust.checksum(size), size + " bytes");
        }
    }

    void checkOut(Out way) {
        int seed = 8;
        for (int size : SIZES) {
            byte[] kept = pattern(size, seed += 2);
            rust.copyInFromHeap(kept, size);
            assertEquals(fnv1a(kept), rust.checksum(size));
            byte[] received = new byte[size];
            Arrays.fill(received, (byte) 0x55);
            way.receive(received, size);
            assertArrayEquals(kept, received, size + " bytes");
        }
    }

    @Test
    void javaToRustThroughNativeMemory() {
        checkIn((source, length) -> rust.copyInThroughNative(source, length, nativeMemory));
    }

    @Test
    void javaToRustFromTheHeapInACriticalCall() {
        checkIn(rust::copyInFromHeap);
    }

    @Test
    void javaToRustWrittenByJavaIntoRustsMemory() {
        checkIn(rust::writeFromJava);
    }

    @Test
    void rustToJavaThroughNativeMemory() {
        checkOut((destination, length) -> rust.copyOutThroughNative(destination, length, nativeMemory));
    }

    @Test
    void rustToJavaIntoTheHeapInACriticalCall() {
        checkOut(rust::copyOutToHeap);
    }

    @Test
    void rustToJavaReadByJavaFromRustsMemory() {
        checkOut(rust::readFromJava);
    }

    @Test
    void aCopyOnlyPartOfTheArrayLeavesTheRestAlone() {
        byte[] received = pattern(100, 1);
        rust.copyInFromHeap(pattern(100, 2), 100);
        rust.copyOutToHeap(received, 40);
        assertArrayEquals(Arrays.copyOf(pattern(100, 2), 40), Arrays.copyOf(received, 40));
        assertArrayEquals(Arrays.copyOfRange(pattern(100, 1), 40, 100), Arrays.copyOfRange(received, 40, 100));
    }

    @Test
    void tooMuchForEitherSideIsRefusedBeforeAnyCopy() {
        try (Arena small = Arena.ofConfined()) {
            RustBytes tiny = RustBytes.allocate(8, small);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny.copyInFromHeap(new byte[9], 9));
            assertEquals("9 bytes do not fit in a Rust buffer of 8", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> tiny.readFromJava(new byte[9], 9));
            assertThrows(IndexOutOfBoundsException.class, () -> tiny.copyOutToHeap(new byte[4], 5)); // the array is short
            assertThrows(IndexOutOfBoundsException.class, () -> tiny.writeFromJava(new byte[4], -1));
            MemorySegment three = small.allocate(3); // Rust would write 5 bytes into 3: Java stops it first
            assertThrows(IndexOutOfBoundsException.class, () -> tiny.copyOutThroughNative(new byte[8], 5, three));
            assertThrows(IndexOutOfBoundsException.class, () -> tiny.checksum(9));
            assertThrows(IllegalArgumentException.class, () -> RustBytes.allocate(-1, small));
        }
    }

    @Test
    void rustRefusesWhatDoesNotFitAndNullWithALengthButTakesNullWithNone() {
        try (Arena small = Arena.ofConfined()) {
            MemorySegment bytes = RustLib.bytes_new(8);
            try {
                assertEquals(8, RustLib.bytes_size(bytes));
                assertTrue(RustLib.bytes_copy_in(bytes, MemorySegment.NULL, 0));
                assertFalse(RustLib.bytes_copy_in(bytes, MemorySegment.NULL, 5));
                assertFalse(RustLib.bytes_copy_out(bytes, MemorySegment.NULL, 5));
                assertFalse(RustLib.bytes_copy_in(bytes, small.allocate(9), 9)); // more than Rust holds
                assertFalse(RustLib.bytes_copy_in(bytes, small.allocate(9), -1)); // a huge size_t
                assertEquals(0, RustLib.bytes_checksum(bytes, 9));
                assertEquals(fnv1a(new byte[8]), RustLib.bytes_checksum(bytes, 8)); // zeroed by Rust
            } finally {
                RustLib.bytes_free(bytes);
            }
            assertFalse(RustLib.bytes_copy_in(MemorySegment.NULL, small.allocate(1), 1));
            assertEquals(0, RustLib.bytes_size(MemorySegment.NULL));
            RustLib.bytes_free(MemorySegment.NULL); // nothing
        }
    }

    @Test
    void anOrdinaryDowncallRefusesAHeapSegment() {
        // Without Linker.Option.critical(true), FFM will not hand Rust an address inside the Java heap.
        MemorySegment heap = MemorySegment.ofArray(new byte[8]);
        try (Arena small = Arena.ofConfined()) {
            RustBytes tiny = RustBytes.allocate(8, small);
            assertThrows(IllegalArgumentException.class, () -> tiny.copyInThroughNative(new byte[8], 8, heap));
            assertThrows(IllegalArgumentException.class, () -> tiny.copyOutThroughNative(new byte[8], 8, heap));
        }
    }

    @Test
    void aClosedBufferIsRefusedOnEveryWayAndAnotherThreadByAConfinedOne() throws Exception {
        Arena confined = Arena.ofConfined();
        RustBytes bytes = RustBytes.allocate(16, confined);
        try (var executor = Executors.newSingleThreadExecutor()) {
            Future<?> elsewhere = executor.submit(() -> bytes.writeFromJava(new byte[4], 4));
            Exception e = assertThrows(Exception.class, elsewhere::get);
            assertEquals(WrongThreadException.class, e.getCause().getClass());
        }
        confined.close();
        assertThrows(IllegalStateException.class, () -> bytes.copyInFromHeap(new byte[4], 4));
        assertThrows(IllegalStateException.class, () -> bytes.writeFromJava(new byte[4], 4));
        assertThrows(IllegalStateException.class, () -> bytes.readFromJava(new byte[4], 4));
        assertThrows(IllegalStateException.class, () -> bytes.checksum(4));
    }
}
