package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javatoc.tarball.TarEntry.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differences with libarchive 3.6 that the differential fuzzer found and fuzz/README.md documents
 * (each test names its number there): what we list, and that GNU tar lists the same.
 */
class LibarchiveDifferencesTest {
    @TempDir
    static Path folder;

    static final byte[] ABC = Archives.padded("abc".getBytes(StandardCharsets.US_ASCII));

    private static byte[] with(byte[] header, int offset, String text) {
        Archives.put(header, offset, text);
        return Archives.withChecksum(header, 0);
    }

    private static byte[] gnu(byte[] header) {
        return with(header, 257, "ustar  \0");
    }

    /** 3: after a pax header of NULs (no records), which libarchive warns about, it skips its v7 directory rule; we do not. */
    @Test
    void aV7DirectoryAfterAPaxHeaderWithNoRecords() throws Exception {
        Path file = Archives.write(folder.resolve("nul-pax-v7-dir.tar"), Archives.header("PaxHeaders/d", 'x', 100), new byte[512],
                Archives.header("d/", '0', 0));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "d/", 0, Type.DIRECTORY, "")), tarball.entries());
        }
    }

    /** 5: libarchive reads a hard link's size as data when the link's own header fails its format test. */
    @Test
    void aHardLinkHasNoDataWhateverItsHeaderLooksLike() throws Exception {
        byte[] link = with(Archives.header("h", '1', 1851), 157, "target");
        with(link, 262, "xx"); // "ustar" then "xx", not NUL "00": libarchive's test scores the header 50
        Path followed = Archives.write(folder.resolve("link-then-file.tar"), link, Archives.header("next.txt", '0', 3), ABC);
        Path alone = Files.write(folder.resolve("link-alone.tar"), link); // no end-of-archive blocks either
        assertEquals(List.of(new Archives.Listed('h', 0, "h link to target"), new Archives.Listed('-', 3, "next.txt")),
                Archives.list(followed));
        assertEquals(List.of(new Archives.Listed('h', 0, "h link to target")), Archives.list(alone));
        try (Tarball tarball = Tarball.open(followed)) {
            assertEquals(List.of(new TarEntry(0, "h", 0, Type.HARDLINK, "target"), new TarEntry(1, "next.txt", 3, Type.FILE, "")),
                    tarball.entries());
        }
        try (Tarball tarball = Tarball.open(alone)) {
            assertEquals(List.of(new TarEntry(0, "h", 0, Type.HARDLINK, "target")), tarball.entries());
        }
        byte[] damaged = Archives.header("next.txt", '0', 0);
        damaged[0] = 'N'; // the checksum no longer matches: a damaged header, which libarchive reads as the link's data
        Path file = Archives.write(folder.resolve("link-then-damage.tar"), link, damaged);
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file));
        assertEquals(file + ": the header at byte 512 has a wrong checksum (damaged, or not a tar archive)", e.getMessage());
    }

    /** 12: an empty GNU long name: we (and Go) take the header's name, which here makes a v7 directory, with no data. */
    @Test
    void anEmptyLongNameLeavesTheHeadersName() throws Exception {
        Path file = Archives.write(folder.resolve("empty-long-name.tar"), gnu(Archives.header("././@LongLink", 'L', 1)), new byte[512],
                Archives.header("dir/", '\0', 512), Archives.header("next.txt", '0', 3), ABC);
        try (Tarball tarball = Tarball.open(file)) { // libarchive 3.6 and GNU tar: "" (or "."), a file whose 512 bytes are next.txt's header
            assertEquals(List.of(new TarEntry(0, "dir/", 0, Type.DIRECTORY, ""), new TarEntry(1, "next.txt", 3, Type.FILE, "")),
                    tarball.entries());
        }
    }

    /** 13: libarchive gives GNU's multi-volume continuation ('M') the file type of its mode field. */
    @ParameterizedTest
    @CsvSource({"0000644,file.txt", "0040755,file.txt", "0000644,dir/"}) // a name ending with '/' makes no v7 directory of an 'M'
    void aMultiVolumeContinuationIsOtherWithItsData(String mode, String name) throws Exception {
        Path file = Archives.write(Files.createTempFile(folder, "continued", ".tar"), gnu(with(Archives.header(name, 'M', 3), 100, mode)),
                ABC, gnu(Archives.header("next", '0', 0)));
        List<Archives.Listed> listed = Archives.list(file);
        assertEquals('M', listed.get(0).type());
        assertEquals(new Archives.Listed('-', 0, "next"), listed.get(1));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, name, 3, Type.OTHER, ""), new TarEntry(1, "next", 0, Type.FILE, "")), tarball.entries());
            assertEquals("abc", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    /** 13, and no difference: a link target before an entry that is not a link is ignored by all three readers. */
    @ParameterizedTest
    @ValueSource(strings = {"gnu K", "pax linkpath", "the header's field"})
    void aLinkTargetOnARegularFileIsIgnored(String where) throws Exception {
        byte[] k = gnu(Archives.header("././@LongLink", 'K', 7));
        byte[] target = Archives.padded("target\0".getBytes(StandardCharsets.US_ASCII));
        byte[] record = Archives.paxRecord("linkpath", "target").getBytes(StandardCharsets.US_ASCII);
        Path file = folder.resolve("target-on-a-file.tar");
        switch (where) {
            case "gnu K" -> Archives.write(file, k, target, gnu(Archives.header("file.txt", '0', 3)), ABC);
            case "pax linkpath" -> Archives.write(file, Archives.header("PaxHeaders/file.txt", 'x', record.length), Archives.padded(record),
                    Archives.header("file.txt", '0', 3), ABC);
            default -> Archives.write(file, with(Archives.header("file.txt", '0', 3), 157, "target"), ABC);
        }
        assertEquals(List.of(new Archives.Listed('-', 3, "file.txt")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "file.txt", 3, Type.FILE, "")), tarball.entries());
            assertEquals("abc", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    /** 14: libarchive gives a hard link with an empty target the file type of its mode field. */
    @ParameterizedTest
    @ValueSource(strings = {"0000644", "0100644", "0040755"})
    void aHardLinkWithAnEmptyTargetStaysAHardLink(String mode) throws Exception {
        Path file = Archives.write(folder.resolve("empty-target-" + mode + ".tar"), with(Archives.header("a", '1', 0), 100, mode));
        assertEquals('h', Archives.list(file).get(0).type()); // "a link to .": GNU tar substitutes "." for the target
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "a", 0, Type.HARDLINK, "")), tarball.entries());
        }
    }

    /** 6: a Solaris sparse file (SUN.holesdata): libarchive expands its holes; GNU tar and we read the stored bytes. */
    @Test
    void aSolarisSparseFileIsItsStoredBytes() throws Exception {
        Path file = Archives.write(folder.resolve("solaris-sparse.tar"), Archives.pax("SUN.holesdata= 0 3 512 512"),
                Archives.header("s", '0', 3), ABC);
        assertEquals(List.of(new Archives.Listed('-', 3, "s")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "s", 3, Type.FILE, "")), tarball.entries());
            assertEquals("abc", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    /** 9: sparse fields in a GNU header whose type is '0', not 'S': libarchive reads them; GNU tar and we go by the type. */
    @Test
    void sparseFieldsInAGnuHeaderOfTypeZeroAreIgnored() throws Exception {
        byte[] header = gnu(Archives.header("f", '0', 3));
        Archives.put(header, 386, "00000000775"); // a map: 3 bytes at 509
        Archives.put(header, 398, "00000000003");
        Archives.put(header, 483, "00000001000"); // a real size, 512
        Path file = Archives.write(folder.resolve("gnu-sparse-fields-type-0.tar"), Archives.withChecksum(header, 0), ABC);
        assertEquals(List.of(new Archives.Listed('-', 3, "f")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "f", 3, Type.FILE, "")), tarball.entries());
            assertEquals("abc", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    /** 15: libarchive reads a volume label's data as the next header; GNU tar and we skip it. */
    @Test
    void aVolumeLabelsDataIsSkipped() throws Exception {
        byte[] label = gnu(Archives.header("label", 'V', 3));
        Path file = Archives.write(folder.resolve("label-with-data.tar"), label, ABC, Archives.header("next.txt", '0', 0));
        assertEquals(List.of('V', '-'), Archives.list(file).stream().map(Archives.Listed::type).toList());
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "next.txt", 0, Type.FILE, "")), tarball.entries());
        }
        Path cut = Files.write(folder.resolve("label-cut.tar"), label); // the data is missing: GNU tar says "Unexpected EOF"
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(cut));
        assertEquals(cut + ": the entry at byte 0 says its data is 3 bytes, but only 0 bytes follow", e.getMessage());
    }

    /** 16: libarchive makes a sparse file whose name ends with '/' a directory, and reads its data as headers. */
    @ParameterizedTest
    @ValueSource(strings = {"old GNU", "pax 1.0"})
    void aSparseFileNamedLikeADirectoryKeepsItsData(String format) throws Exception {
        Path file = folder.resolve("sparse-slash-" + format.replace(' ', '-') + ".tar");
        if (format.equals("old GNU")) {
            byte[] header = gnu(Archives.header("s/", 'S', 3));
            Archives.put(header, 386, "00000000000"); // one chunk: 3 bytes at 0
            Archives.put(header, 398, "00000000003");
            Archives.put(header, 483, "00000001000"); // the real size, 512
            Archives.write(file, Archives.withChecksum(header, 0), ABC, Archives.header("next.txt", '0', 0));
        } else {
            byte[] records = (Archives.paxRecord("GNU.sparse.major", "1") + Archives.paxRecord("GNU.sparse.minor", "0")
                    + Archives.paxRecord("GNU.sparse.name", "s/") + Archives.paxRecord("GNU.sparse.realsize", "512"))
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] data = Arrays.copyOf(Archives.padded("1\n0\n3\n".getBytes(StandardCharsets.US_ASCII)), 515); // the map, then 3 bytes
            System.arraycopy("abc".getBytes(StandardCharsets.US_ASCII), 0, data, 512, 3);
            Archives.write(file, Archives.header("PaxHeaders/s", 'x', records.length), Archives.padded(records),
                    Archives.header("GNUSparseFile.0/s", '0', data.length), Archives.padded(data), Archives.header("next.txt", '0', 0));
        }
        assertEquals(List.of(new Archives.Listed('d', 512, "s/"), new Archives.Listed('-', 0, "next.txt")), Archives.list(file));
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "s/", 512, Type.SPARSE_FILE, ""), new TarEntry(1, "next.txt", 0, Type.FILE, "")),
                    tarball.entries());
            byte[] bytes = new byte[4];
            assertEquals(4, tarball.read(0, 0, java.lang.foreign.MemorySegment.ofArray(bytes)));
            assertEquals("abc\0", new String(bytes, StandardCharsets.US_ASCII));
        }
    }

    /** 17: libarchive (and GNU tar) read a pax size on a header-only entry as that much data after it; we (and Go) do not. */
    @Test
    void aPaxSizeOnADeviceGivesItNoData() throws Exception {
        byte[] record = Archives.paxRecord("size", "999").getBytes(StandardCharsets.US_ASCII);
        Path file = Archives.write(folder.resolve("pax-size-device.tar"), Archives.header("PaxHeaders/null", 'x', record.length),
                Archives.padded(record), Archives.header("null", '3', 0), Archives.header("next.txt", '0', 3), ABC);
        try (Tarball tarball = Tarball.open(file)) {
            assertEquals(List.of(new TarEntry(0, "null", 0, Type.CHARACTER_DEVICE, ""), new TarEntry(1, "next.txt", 3, Type.FILE, "")),
                    tarball.entries());
        }
    }
}
