package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives an attacker would write, built here byte by byte: the pax sparse records that once made
 * the C library write 8 bytes before its heap block, their family, and archives that ask for more
 * memory than the caps allow. Each is refused with its one-line reason through FFM, JNA and the
 * tar-list program: never a crash.
 */
class HostileArchiveTest {
    @TempDir
    static Path folder;

    static final byte[] FILE = concat(Archives.header("f", '0', 5), Archives.padded("12345".getBytes(StandardCharsets.US_ASCII)));

    static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Stream.of(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static Stream<Arguments> sparseRecordsThatDoNotMakeOneMap() {
        return Stream.of(
                Arguments.of("offset, empty map, numbytes", List.of(Archives.pax("GNU.sparse.offset=0", "GNU.sparse.map=", "GNU.sparse.numbytes=5")),
                        "pax header at byte 0: GNU.sparse.offset before GNU.sparse.numblocks"),
                Arguments.of("numblocks, offset, empty map, numbytes",
                        List.of(Archives.pax("GNU.sparse.numblocks=1", "GNU.sparse.offset=0", "GNU.sparse.map=", "GNU.sparse.numbytes=5")),
                        "pax header at byte 0: a GNU.sparse.map after GNU.sparse.offset records: two sparse maps"),
                Arguments.of("pairs without numblocks (found by the fuzzer)", List.of(Archives.pax("GNU.sparse.offset=0", "GNU.sparse.numbytes=5")),
                        "pax header at byte 0: GNU.sparse.offset before GNU.sparse.numblocks"),
                Arguments.of("a map given twice", List.of(Archives.pax("GNU.sparse.map=0,5", "GNU.sparse.map=0,5")),
                        "pax header at byte 0: a GNU.sparse.map after another one: two sparse maps"),
                Arguments.of("0.0 records after a 0.1 map", List.of(Archives.pax("GNU.sparse.map=0,5", "GNU.sparse.offset=0", "GNU.sparse.numbytes=5")),
                        "pax header at byte 0: GNU.sparse.offset after a GNU.sparse.map: two sparse maps"),
                Arguments.of("a numbytes before any offset", List.of(Archives.pax("GNU.sparse.numbytes=5")),
                        "pax header at byte 0: GNU.sparse.offset and GNU.sparse.numbytes records do not come in pairs"),
                Arguments.of("an offset left alone", List.of(Archives.pax("GNU.sparse.numblocks=2", "GNU.sparse.offset=0", "GNU.sparse.numbytes=5", "GNU.sparse.offset=5")),
                        "the sparse map of the entry at byte 1024 ends with a GNU.sparse.offset that has no GNU.sparse.numbytes"),
                Arguments.of("a pair split across two pax headers", List.of(Archives.pax("GNU.sparse.numblocks=1", "GNU.sparse.offset=0"), Archives.pax("GNU.sparse.numbytes=5")),
                        "pax header at byte 1024: GNU.sparse.offset and GNU.sparse.numbytes records do not come in pairs"),
                Arguments.of("a numblocks after the map", List.of(Archives.pax("GNU.sparse.map=0,5", "GNU.sparse.numblocks=1")),
                        "pax header at byte 0: GNU.sparse.numblocks comes after the sparse map it counts"),
                Arguments.of("a numblocks that lies", List.of(Archives.pax("GNU.sparse.numblocks=2", "GNU.sparse.offset=0", "GNU.sparse.numbytes=5")),
                        "the sparse map of the entry at byte 1024 has 1 chunks, but its GNU.sparse.numblocks says 2"),
                Arguments.of("1.0 with a map in its header too", List.of(Archives.pax("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.map=0,5")),
                        "the sparse map of the entry at byte 1024 is both in its data (1.0) and in its pax header"));
    }

    static Path sparseArchive(String what, List<byte[]> paxHeaders) throws Exception {
        List<byte[]> parts = new ArrayList<>(paxHeaders);
        parts.add(FILE);
        return Archives.write(folder.resolve(what.replace(' ', '-') + ".tar"), parts.toArray(byte[][]::new));
    }

    static final String PAST_THE_CHUNK_CAP = "the sparse map of the entry at byte 1024 lists 3000000 chunks, more than the 2097152 this reader accepts";

    static Path pastTheChunkCap() throws Exception {
        byte[] map = Archives.padded("3000000\n".getBytes(StandardCharsets.US_ASCII));
        return Archives.write(folder.resolve("three-million-chunks.tar"),
                Archives.pax("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.realsize=10"), Archives.header("s", '0', map.length), map);
    }

    static final String PAST_THE_MEMORY_CAP = "the archive is 1073741825 bytes, more than the 1073741824 this reader holds in memory for one archive";

    static Path pastTheMemoryCap() throws Exception {
        Path file = folder.resolve("huge.tar");
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength((1L << 30) + 1); // a hole: no disk space, and C reads none of it
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sparseRecordsThatDoNotMakeOneMap")
    void sparseRecordsThatDoNotMakeOneMapAreRefused(String what, List<byte[]> paxHeaders, String reason) throws Exception {
        refused(sparseArchive(what, paxHeaders), Reason.FORMAT, reason);
    }

    @Test
    void aSparseMapPastTheChunkCapIsRefusedBeforeItIsRead() throws Exception {
        refused(pastTheChunkCap(), Reason.LIMIT, PAST_THE_CHUNK_CAP);
    }

    @Test
    void anArchiveLargerThanTheMemoryCapIsRefusedBeforeItIsRead() throws Exception {
        refused(pastTheMemoryCap(), Reason.LIMIT, PAST_THE_MEMORY_CAP);
    }

    /** Through FFM and JNA: the same message from the same C. */
    static void refused(Path file, Reason reason, String why) {
        TarballException ffm = assertThrows(TarballException.class, () -> Tarball.open(file).close());
        assertEquals(file + ": " + why, ffm.getMessage());
        assertEquals(reason, ffm.reason());
        TarballException jna = assertThrows(TarballException.class, () -> JnaTarball.open(file).close());
        assertEquals(ffm.getMessage(), jna.getMessage());
    }

    /**
     * The tar-list program on the archive, on the same records with the count first (the
     * second-map path), and past each cap: exit status 1 and one line, never a crash. (A JVM
     * each, so not for every archive above: those differ only in C's message, checked there.)
     */
    @Test
    void tarListSaysWhyInOneLine() throws Exception {
        Map<Path, String> reasons = new LinkedHashMap<>();
        for (Arguments arguments : sparseRecordsThatDoNotMakeOneMap().limit(2).toList()) {
            Object[] what = arguments.get();
            @SuppressWarnings("unchecked")
            List<byte[]> paxHeaders = (List<byte[]>) what[1];
            reasons.put(sparseArchive((String) what[0], paxHeaders), (String) what[2]);
        }
        reasons.put(pastTheChunkCap(), PAST_THE_CHUNK_CAP);
        reasons.put(pastTheMemoryCap(), PAST_THE_MEMORY_CAP);
        try (ExecutorService all = Executors.newFixedThreadPool(reasons.size())) {
            Map<Path, Future<TarListTest.Result>> runs = new LinkedHashMap<>();
            for (Path file : reasons.keySet()) {
                runs.put(file, all.submit(() -> TarListTest.tarList(folder, TarListTest.NATIVE, file.getFileName().toString())));
            }
            for (Path file : reasons.keySet()) {
                assertEquals(new TarListTest.Result(1, "", "tar-list: error: " + file.getFileName() + ": " + reasons.get(file) + "\n"),
                        runs.get(file).get());
            }
        }
    }

    @Test
    void aMillionChunkSparseFileReadsEndToEnd() throws Exception {
        int chunks = 1_000_000;
        Path file = Archives.write(folder.resolve("million.tar"), Archives.sparse1x0(chunks));
        try (Tarball tarball = Tarball.open(file); Arena arena = Arena.ofConfined()) {
            assertEquals(2L * chunks, tarball.entries().getFirst().size());
            byte[] inArray = new byte[512]; // the critical path, 512 bytes a call
            MemorySegment inC = arena.allocate(4093); // the ordinary path, pieces that straddle chunks
            for (long at = 0; at < 2L * chunks; at += 512) {
                long got = tarball.read(0, at, MemorySegment.ofArray(inArray));
                assertEquals(Math.min(512, 2L * chunks - at), got);
                for (int i = 0; i < got; i++) {
                    long k = (at + i) / 2;
                    if (inArray[i] != ((at + i) % 2 == 0 ? (byte) ('a' + k % 26) : 0)) {
                        assertEquals((at + i) % 2 == 0 ? 'a' + k % 26 : 0, inArray[i], "byte " + (at + i));
                    }
                }
            }
            for (long at = 0, got; (got = tarball.read(0, at, inC)) > 0; at += got) {
                long k = (at + got - 1) / 2; // the last byte of each piece
                assertEquals((at + got - 1) % 2 == 0 ? (byte) ('a' + k % 26) : 0, inC.get(JAVA_BYTE, got - 1), "byte " + (at + got - 1));
            }
        }
    }

    @Test
    void readRefusesAReadOnlyDestinationBeforeCallingC() throws Exception {
        Path file = Archives.write(folder.resolve("one.tar"), FILE);
        Tarball tarball = Tarball.open(file);
        MemorySegment view = tarball.file(0).orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tarball.read(0, 0, view));
        assertEquals("read() writes into its destination, and this one is read-only", e.getMessage());
        assertEquals("12345", new String(view.toArray(JAVA_BYTE), StandardCharsets.US_ASCII), "untouched");
        tarball.close();
        // Closed: any C call would throw IllegalStateException. The argument check comes first.
        assertThrows(IllegalArgumentException.class, () -> tarball.read(0, 0, MemorySegment.ofArray(new byte[1]).asReadOnly()));
    }

    @Test
    void readRefusesADestinationThatOverlapsTheArchive() throws Exception {
        Path file = Archives.write(folder.resolve("two.tar"), FILE, FILE);
        try (Tarball tarball = Tarball.open(file)) {
            MemorySegment view = tarball.file(1).orElseThrow();
            // A writable segment over the same bytes: only a restricted method (reinterpret) makes one.
            MemorySegment overlapping = MemorySegment.ofAddress(view.address() - 2).reinterpret(4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tarball.read(0, 0, overlapping));
            assertEquals("the destination overlaps the archive's own bytes (a view from file()?): C's memcpy would read what it writes",
                    e.getMessage());
            assertEquals("12345", new String(view.toArray(JAVA_BYTE), StandardCharsets.US_ASCII), "untouched");
        }
    }
}
