package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import javatoc.tarball.TarEntry.Type;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Links, devices, directories and sparse files: what each entry is, and what file() and read() give for it. */
class EntryTypesTest {
    @TempDir
    static Path folder;
    static byte[] sparse; // 3 MiB: "start" at 0, "middle" at 1 MiB, "the end" at the end, holes between

    @BeforeAll
    static void files() throws Exception {
        Path tree = Files.createDirectories(folder.resolve("tree"));
        Files.writeString(tree.resolve("hello.txt"), "hello, tar\n");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("hello.txt"));
        Files.createLink(tree.resolve("hard"), tree.resolve("hello.txt"));
        sparse = new byte[3 * 1024 * 1024];
        put(sparse, 0, "start");
        put(sparse, 1024 * 1024, "middle");
        put(sparse, sparse.length - 8, "the end\n");
        try (var channel = Files.newByteChannel(tree.resolve("sparse.img"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int at : new int[] {0, 1024 * 1024, sparse.length - 8}) { // write only the data: the rest stays holes
                channel.position(at).write(java.nio.ByteBuffer.wrap(sparse, at, at == 0 ? 5 : at == 1024 * 1024 ? 6 : 8));
            }
        }
    }

    private static void put(byte[] bytes, int at, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, bytes, at, t.length);
    }

    /** GNU tar's sparse formats: old GNU ('S') in gnu and oldgnu, and pax 0.0, 0.1 and 1.0. */
    @ParameterizedTest
    @CsvSource({"gnu,", "oldgnu,", "pax,0.0", "pax,0.1", "pax,1.0"})
    void sparseFilesAsGnuTarWritesThem(String format, String version) throws Exception {
        String archive = "../sparse-" + format + version + ".tar";
        Path file = version == null
                ? Archives.create(folder.resolve("tree"), archive, format, "--sparse", "--hole-detection=raw", "sparse.img", "link", "hello.txt", "hard")
                : Archives.create(folder.resolve("tree"), archive, format, "--sparse", "--hole-detection=raw", "--sparse-version=" + version,
                        "sparse.img", "link", "hello.txt", "hard");
        assertTrue(Files.size(file) < 100_000, "tar stored the holes: " + Files.size(file));
        assertEquals(List.of(new Archives.Listed('-', sparse.length, "sparse.img"), new Archives.Listed('l', 0, "link -> hello.txt"),
                new Archives.Listed('-', 11, "hello.txt"), new Archives.Listed('h', 0, "hard link to hello.txt")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "sparse.img", sparse.length, Type.SPARSE_FILE, ""),
                    new TarEntry(1, "link", 0, Type.SYMLINK, "hello.txt"), new TarEntry(2, "hello.txt", 11, Type.FILE, ""),
                    new TarEntry(3, "hard", 0, Type.HARDLINK, "hello.txt")), tarball.entries());
            assertThrows(UnsupportedOperationException.class, () -> tarball.file(0));
            try (Arena arena = Arena.ofConfined()) { // the whole file, copied in odd-sized pieces
                MemorySegment piece = arena.allocate(100_003);
                byte[] copy = new byte[sparse.length];
                for (long at = 0, got; (got = tarball.read(0, at, piece)) > 0; at += got) {
                    MemorySegment.copy(piece, JAVA_BYTE, 0, copy, (int) at, (int) got);
                }
                assertArrayEquals(sparse, copy);
            }
            assertEquals(0, tarball.file(1).orElseThrow().byteSize(), "a link has no data");
            assertEquals("hello, tar\n", new String(tarball.file(2).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
        try (JnaTarball jna = JnaTarball.open(file)) {
            assertTrue(jna.file(0).isEmpty(), "JNA copies only what C has a pointer to: not a sparse file");
            assertEquals(11, jna.file(2).orElseThrow().length);
        }
    }

    @Test
    void aJavaArrayIsFilledWholeThoughCIsCalledForBoundedPieces() throws Exception {
        Path file = Archives.create(folder.resolve("tree"), "../sparse-pieces.tar", "pax", "--sparse", "--hole-detection=raw", "sparse.img");
        try (Tarball tarball = Tarball.open(file)) {
            byte[] whole = new byte[sparse.length]; // 3 MiB in one read(): many critical calls of at most 64 KiB each
            assertEquals(sparse.length, tarball.read(0, 0, MemorySegment.ofArray(whole)));
            assertArrayEquals(sparse, whole);
        }
    }

    @Test
    void readCopiesAnyEntryIntoAJavaArrayAndSaysWhenThereIsNone() throws Exception {
        Path file = Archives.create(folder.resolve("tree"), "../plain.tar", "gnu", "hello.txt");
        try (Tarball tarball = Tarball.open(file)) {
            byte[] bytes = new byte[5];
            assertEquals(4, tarball.read(0, 7, MemorySegment.ofArray(bytes)), "the 4 bytes that are left");
            assertEquals("tar\n", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
            assertEquals(-1, tarball.read(1, 0, MemorySegment.ofArray(bytes)), "no such entry");
            assertEquals(-1, tarball.read(-1, 0, MemorySegment.ofArray(bytes)), "no such entry");
            assertEquals(0, tarball.read(0, 11, MemorySegment.ofArray(bytes)), "at the end");
            assertEquals(0, tarball.read(0, -1, MemorySegment.ofArray(bytes)), "a negative offset is past the end");
            tarball.close();
            assertThrows(IllegalStateException.class, () -> tarball.read(0, 0, MemorySegment.ofArray(bytes)));
        }
    }

    /** Old tars wrote a size for entries that have no data; tar, libarchive and Go skip no data after them. */
    @ParameterizedTest
    @ValueSource(chars = {'1', '2', '3', '4', '5', '6'})
    void aHeaderOnlyEntryWithASizeHasNoData(char type) throws Exception {
        Path file = Archives.write(folder.resolve("header-only-" + type + ".tar"),
                withLink(Archives.header("entry" + (type == '5' ? "/" : ""), type, 1000), "target"),
                Archives.header("next.txt", '0', 3), Archives.padded("abc".getBytes(StandardCharsets.US_ASCII)));
        Type expected = List.of(Type.HARDLINK, Type.SYMLINK, Type.CHARACTER_DEVICE, Type.BLOCK_DEVICE, Type.DIRECTORY, Type.FIFO)
                .get(type - '1');
        String link = type == '1' || type == '2' ? "target" : "";
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "entry" + (type == '5' ? "/" : ""), 0, expected, link),
                    new TarEntry(1, "next.txt", 3, Type.FILE, "")), tarball.entries());
        }
    }

    private static byte[] withLink(byte[] header, String target) {
        Archives.put(header, 157, target);
        return Archives.withChecksum(header, 0);
    }

    @Test
    void aV7DirectoryIsAFileTypeWhoseNameEndsWithASlash() throws Exception {
        Path file = Archives.write(folder.resolve("v7.tar"), Archives.header("old-dir/", '\0', 512),
                Archives.header("old-dir/file", '\0', 2), Archives.padded("hi".getBytes(StandardCharsets.US_ASCII)));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "old-dir/", 0, Type.DIRECTORY, ""), new TarEntry(1, "old-dir/file", 2, Type.FILE, "")),
                    tarball.entries());
        }
    }

    @Test
    void anEmptyOrNulLedSizeFieldIsZero() throws Exception {
        byte[] empty = Archives.header("empty-size", '0', 0);
        Arrays.fill(empty, 124, 136, (byte) 0);
        byte[] nulLed = Archives.header("nul-led-size", '0', 0);
        Arrays.fill(nulLed, 124, 136, (byte) 0);
        Archives.put(nulLed, 131, "0016"); // what follows the first NUL is not read (GNU tar and libarchive agree)
        Path file = Archives.write(folder.resolve("empty-size.tar"), Archives.withChecksum(empty, 0), Archives.withChecksum(nulLed, 0));
        assertEquals(List.of(new Archives.Listed('-', 0, "empty-size"), new Archives.Listed('-', 0, "nul-led-size")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(0L, 0L), tarball.stream().map(TarEntry::size).toList());
        }
    }

    @Test
    void anUnknownTypeKeepsItsDataAndAVolumeLabelOrAnAclIsNoEntry() throws Exception {
        Path file = Archives.write(folder.resolve("unknown.tar"), Archives.header("label", 'V', 0),
                Archives.header("odd", 'Z', 3), Archives.padded("xyz".getBytes(StandardCharsets.US_ASCII)),
                Archives.header("acl", 'A', 0), Archives.header("next.txt", '0', 0)); // 'A': a Solaris ACL for next.txt
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "odd", 3, Type.OTHER, ""), new TarEntry(1, "next.txt", 0, Type.FILE, "")), tarball.entries());
            assertEquals("xyz", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aPaxHeaderOver1MiBIsRefusedBeforeItIsRead() throws Exception {
        Path file = Archives.write(folder.resolve("big-pax.tar"), Archives.header("PaxHeaders/x", 'x', 1024 * 1024 + 1));
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file));
        assertEquals(Reason.FORMAT, e.reason());
        assertEquals(file + ": the extended header at byte 0 is 1048577 bytes, more than the 1048576 this reader accepts", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GNU.sparse.map=0,5,9                       | GNU.sparse.map has an odd count of numbers",
        "GNU.sparse.numbytes=5                      | do not come in pairs",
        "GNU.sparse.offset=0                        | GNU.sparse.offset before GNU.sparse.numblocks",
        "GNU.sparse.map=0,9; GNU.sparse.size=9      | accounts for 9 bytes, but the entry holds 5",
        "GNU.sparse.map=4,5; GNU.sparse.size=6      | a chunk out of order or past the file's size",
        "GNU.sparse.map=5,0,0,5; GNU.sparse.size=10 | a chunk out of order or past the file's size",
        "GNU.sparse.major=2; GNU.sparse.minor=0     | a pax sparse file of a format this reader does not know",
        "GNU.sparse=tar                             | a pax sparse file of a format this reader does not know",
    })
    void aBadSparseMapIsRefused(String records, String message) throws Exception {
        StringBuilder pax = new StringBuilder();
        for (String record : records.split("; ")) {
            String[] keyValue = record.split("=", 2);
            pax.append(Archives.paxRecord(keyValue[0], keyValue[1]));
        }
        byte[] data = pax.toString().getBytes(StandardCharsets.US_ASCII);
        Path file = Archives.write(Files.createTempFile(folder, "sparse", ".tar"), Archives.header("PaxHeaders/s", 'x', data.length),
                Archives.padded(data), Archives.header("s", '0', 5), Archives.padded("12345".getBytes(StandardCharsets.US_ASCII)));
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void anSEntryOutsideAGnuHeaderIsNotSparse() throws Exception {
        // In a POSIX ustar header the bytes of GNU's sparse map are part of the name's prefix.
        Path file = Archives.write(folder.resolve("posix-s.tar"), Archives.header("s", 'S', 3),
                Archives.padded("abc".getBytes(StandardCharsets.US_ASCII)));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "s", 3, Type.OTHER, "")), tarball.entries());
        }
    }

    @Test
    void aPaxKeywordWithANulIsRefused() throws Exception {
        byte[] record = "11 a\0b=xyz\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Archives.write(folder.resolve("nul-keyword.tar"), Archives.header("PaxHeaders/x", 'x', record.length),
                Archives.padded(record), Archives.header("x", '0', 0));
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file));
        assertEquals(file + ": pax header at byte 0: a keyword is empty or contains a NUL byte", e.getMessage());
    }

    @Test
    void anOldGnuSparseFileThatIsAllHole() throws Exception {
        byte[] header = Archives.header("hole", 'S', 0);
        Archives.put(header, 257, "ustar  \0"); // GNU's magic: the sparse fields exist only there
        Archives.put(header, 483, "00000001000"); // the real size, 512; the map is empty
        Path file = Archives.write(folder.resolve("all-hole.tar"), Archives.withChecksum(header, 0));
        assertEquals(List.of(new Archives.Listed('-', 512, "hole")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "hole", 512, Type.SPARSE_FILE, "")), tarball.entries());
            assertThrows(UnsupportedOperationException.class, () -> tarball.file(0));
            byte[] bytes = new byte[600];
            Arrays.fill(bytes, (byte) 1);
            assertEquals(512, tarball.read(0, 0, MemorySegment.ofArray(bytes)));
            assertArrayEquals(new byte[512], Arrays.copyOf(bytes, 512));
        }
    }

    @Test
    void aSparseRealSizeOver63BitsIsRefused() throws Exception {
        byte[] header = Archives.header("hole", 'S', 0);
        Archives.put(header, 257, "ustar  \0");
        header[483] = (byte) 0x80; // base-256: 2^63 in the last 8 of the 12 bytes
        header[483 + 4] = (byte) 0x80;
        Path file = Archives.write(folder.resolve("huge-hole.tar"), Archives.withChecksum(header, 0));
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file));
        assertEquals(Reason.FIELD, e.reason());
        assertEquals(file + ": the sparse file at byte 0 has a real size over 2^63 - 1", e.getMessage());
    }

    @Test
    void aUstarPrefixThatEndsWithASlashGetsNoSecondOne() throws Exception {
        byte[] header = Archives.header("file", '0', 0);
        Archives.put(header, 345, "dir/");
        Path file = Archives.write(folder.resolve("prefix.tar"), Archives.withChecksum(header, 0));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals("dir/file", tarball.entries().get(0).name());
        }
    }

    @Test
    void aSecondPaxHeaderReplacesTheFirst() throws Exception {
        byte[] first = Archives.paxRecord("path", "first-path").getBytes(StandardCharsets.US_ASCII);
        byte[] second = Archives.paxRecord("linkpath", "target").getBytes(StandardCharsets.US_ASCII);
        Path file = Archives.write(folder.resolve("two-pax.tar"), Archives.header("PaxHeaders/1", 'x', first.length), Archives.padded(first),
                Archives.header("PaxHeaders/2", 'x', second.length), Archives.padded(second), Archives.header("bar", '2', 0));
        assertEquals(List.of(new Archives.Listed('l', 0, "bar -> target")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "bar", 0, Type.SYMLINK, "target")), tarball.entries());
        }
    }

    @Test
    void aPaxPathWinsOverAGnuLongNameThatFollowsIt() throws Exception {
        byte[] record = Archives.paxRecord("path", "from-pax").getBytes(StandardCharsets.US_ASCII);
        byte[] longName = Archives.header("././@LongLink", 'L', 9);
        Archives.put(longName, 257, "ustar  \0");
        Path file = Archives.write(folder.resolve("pax-then-long-name.tar"), Archives.header("PaxHeaders/x", 'x', record.length),
                Archives.padded(record), Archives.withChecksum(longName, 0), Archives.padded("from-gnu\0".getBytes(StandardCharsets.US_ASCII)),
                Archives.header("short", '0', 0));
        assertEquals(List.of(new Archives.Listed('-', 0, "from-pax")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals("from-pax", tarball.entries().get(0).name());
        }
    }

    @Test
    void aNulEndsThePaxRecordsAsGnuTarReadsThem() throws Exception {
        byte[] records = (Archives.paxRecord("path", "from-pax") + "\0\0\0\0").getBytes(StandardCharsets.US_ASCII);
        Path file = Archives.write(folder.resolve("nul-padded-pax.tar"), Archives.header("PaxHeaders/x", 'x', records.length),
                Archives.padded(records), Archives.header("short", '0', 0));
        assertEquals(List.of(new Archives.Listed('-', 0, "from-pax")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals("from-pax", tarball.entries().get(0).name());
        }
    }
}
