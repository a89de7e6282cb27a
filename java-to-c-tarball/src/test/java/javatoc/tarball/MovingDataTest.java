package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every moving-data path of MovingDataBenchmark, run as the benchmark runs it (its setUp, its
 * methods), and what arrived checked against the pattern the archive was built from.
 */
class MovingDataTest {
    private static long crc(MemorySegment bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes.asByteBuffer());
        return crc.getValue();
    }

    private static long crc(byte[] bytes) {
        return crc(MemorySegment.ofArray(bytes));
    }

    /** The member's bytes as they reached C: checked through a view of C's buffer. */
    private static long crcInC(Tarball opened) {
        assertEquals(1, opened.entries().size());
        return crc(opened.file(0).orElseThrow());
    }

    // 0 and 1, odd sizes under and over a 64 KiB read piece, and over 1 MiB (odd, 49 pieces)
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4099, 65537, 3 * 1024 * 1024 + 1})
    void everyPathMovesTheMemberExactly(int size) throws Exception {
        long expected = crc(Archives.pattern(size));
        MovingDataBenchmark bench = new MovingDataBenchmark();
        bench.size = size;
        bench.setUp();
        try {
            // Out of C: each benchmark method, twice (the second time into the same buffers).
            for (int time = 0; time < 2; time++) {
                Arrays.fill(bench.array, (byte) 0);
                assertEquals(expected, crc(bench.viewCopiedIntoArray()), "the view, copied into a byte[]");
                Arrays.fill(bench.array, (byte) 0);
                assertEquals(expected, crc(bench.readIntoArray()), "read() into a byte[]");
                bench.nativeBuffer.fill((byte) 0);
                assertEquals(expected, crc(bench.readIntoNative()), "read() into native memory");
                assertEquals(expected, crc(bench.jnaNewArray()), "JNA's new byte[]");
                assertEquals(1, bench.openFile());
                assertEquals(1, bench.openArray());
            }
            // Into C: the same open calls, on the same inputs, and what C then holds.
            try (Tarball opened = Tarball.open(bench.file)) {
                assertEquals(expected, crcInC(opened), "open(path)");
            }
            try (Tarball opened = Tarball.open(MemorySegment.ofArray(bench.archiveBytes))) {
                assertEquals(expected, crcInC(opened), "open(a byte[]'s segment)");
            }
            try (Arena arena = Arena.ofConfined();
                    Tarball opened = Tarball.open(arena.allocate(bench.archiveBytes.length).copyFrom(MemorySegment.ofArray(bench.archiveBytes)))) {
                assertEquals(expected, crcInC(opened), "open(native memory)");
            }
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void openFromMemoryCopiesTheBytesSoTheCallerMayReuseThem(@TempDir Path folder) throws Exception {
        byte[] archive = Files.readAllBytes(Archives.oneMember(folder.resolve("one.tar"), 1000));
        long expected = crc(Archives.pattern(1000));
        try (Arena arena = Arena.ofConfined();
                Tarball fromArray = Tarball.open(MemorySegment.ofArray(archive));
                Tarball fromNative = Tarball.open(arena.allocate(archive.length).copyFrom(MemorySegment.ofArray(archive)).asReadOnly())) {
            Arrays.fill(archive, (byte) 0);
            assertEquals(expected, crcInC(fromArray));
            assertEquals(expected, crcInC(fromNative), "a read-only native segment is fine: C only reads it");
        }
    }

    @Test
    void aMalformedArchiveInMemoryIsATarballExceptionThatSaysSo() {
        byte[] text = "not a tar archive\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(MemorySegment.ofArray(text)));
        assertTrue(e.getMessage().startsWith("an archive in memory (1800 bytes): the header at byte 0 "), e.getMessage());
        TarballException cut = assertThrows(TarballException.class, () -> Tarball.open(MemorySegment.ofArray(new byte[100])));
        assertEquals(TarballException.Reason.TRUNCATED, cut.reason(), cut.getMessage());
    }

    @Test
    void bytesWhoseArenaIsClosedAreRefusedBeforeCIsCalled() {
        MemorySegment gone;
        try (Arena arena = Arena.ofConfined()) {
            gone = arena.allocate(1024);
        }
        assertThrows(IllegalStateException.class, () -> Tarball.open(gone));
    }
}
