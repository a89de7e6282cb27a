package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written by other programs, from libarchive's test suite (src/test/archives/README.md
 * says where each came from): each is listed as libarchive's own test expects, and each
 * malformed one is refused with a reason, through FFM, JNA and TarList.
 */
class ForeignArchivesTest {
    static final Path LIBARCHIVE = Path.of("src/test/archives/libarchive");

    static String listing(String archive) throws Exception {
        return listing(LIBARCHIVE.resolve(archive));
    }

    /** One line per entry: type, size, name, and " -> target" for a link. */
    static String listing(Path archive) throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            return tarball.stream().map(e -> e.type() + " " + e.size() + " " + e.name()
                    + (e.linkTarget().isEmpty() ? "" : " -> " + e.linkTarget())).collect(Collectors.joining("\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1_13", "1_17_posix00", "1_17_posix01", "1_17_posix10"})
    void sparseFilesInEveryGnuFormat(String version) throws Exception {
        String archive = "test_read_format_gtar_sparse_" + version + ".tar";
        assertEquals("SPARSE_FILE 3145728 sparse\nSPARSE_FILE 99000001 sparse2\nFILE 0 non-sparse", listing(archive));
        try (Tarball tarball = Tarball.open(LIBARCHIVE.resolve(archive))) {
            // libarchive's test: "sparse" holds an 'a' at 1000000 and 2000000, "sparse2" one at
            // every millionth byte up to 99000000, and zeros everywhere else (the holes).
            assertArrayEquals(new byte[] {0, 'a', 0}, bytes(tarball, 0, 999_999, 3));
            assertArrayEquals(new byte[] {0, 'a', 0}, bytes(tarball, 0, 1_999_999, 3));
            assertArrayEquals(new byte[16], bytes(tarball, 0, 3_145_728 - 16, 16));
            for (long at = 1_000_000; at < 99_000_000; at += 7_000_000) {
                assertArrayEquals(new byte[] {0, 'a', 0}, bytes(tarball, 1, at - 1, 3), "sparse2 at " + at);
            }
            assertArrayEquals(new byte[] {0, 'a'}, bytes(tarball, 1, 98_999_999, 5)); // only 2 bytes are left
            assertEquals(0, tarball.read(1, 99_000_001, MemorySegment.ofArray(new byte[8])), "at the end");
            UnsupportedOperationException noView = assertThrows(UnsupportedOperationException.class, () -> tarball.file(0));
            assertEquals("sparse is a sparse file: its holes are not in the archive, so no view of it exists; "
                    + "copy it with read()", noView.getMessage());
            assertEquals(0, tarball.file(2).orElseThrow().byteSize(), "a plain empty file still has a view");
        }
    }

    private static byte[] bytes(Tarball tarball, int index, long offset, int length) {
        byte[] bytes = new byte[length];
        long copied = tarball.read(index, offset, MemorySegment.ofArray(bytes));
        return Arrays.copyOf(bytes, (int) copied);
    }

    @Test
    void aSparseFileOfNoBytes() throws Exception {
        assertEquals("SPARSE_FILE 0 sparse", listing("test_read_format_gtar_sparse_reuse.tar"));
    }

    @Test
    void gnuLongNamesAndLongLinkTargets() throws Exception {
        String digits = "1234567890".repeat(20), letters = "abcdefghij".repeat(20);
        assertEquals("FILE 0 " + digits + "\nSYMLINK 0 " + letters + " -> " + digits, listing("test_compat_gtar_1.tar"));
    }

    @Test
    void aHardLinkWhoseHeaderSaysItHasDataHasNone() throws Exception {
        assertEquals("FILE 321 xmcd-3.3.2/docs_d/READMf\nHARDLINK 0 xmcd-3.3.2/README -> xmcd-3.3.2/docs_d/READMf",
                listing("test_compat_tar_hardlink_1.tar"));
    }

    @Test
    void aDirectoryWhoseHeaderSaysItHasDataHasNone() throws Exception {
        assertEquals("DIRECTORY 0 directory1/\nDIRECTORY 0 directory2/", listing("test_compat_tar_directory_1.tar"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "test_compat_perl_archive_tar.tar         | FILE 5 file1",
        "test_compat_plexus_archiver_tar.tar      | FILE 177 commons-logging-1.2/NOTICE.txt",
        "test_read_format_tar_concatenated.tar    | FILE 0 file1",
        "test_read_format_tar_empty_filename.tar  | 'DIRECTORY 0 '",
        "test_read_format_tar_timestamp_overflow.tar | FILE 0 tmp/f.txt",
        "test_read_format_tar_empty_with_gnulabel.tar | ''",
    })
    void otherWritersAndOddities(String archive, String expected) throws Exception {
        assertEquals(expected, listing(archive));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "test_read_format_tar_V_negative_size.tar | FIELD  | the header at byte 0 has a checksum field that is not an octal number (not a tar archive?)",
        "test_read_format_tar_invalid_pax_size.tar | FIELD | pax header at byte 0: size is not a 64-bit number",
        "test_read_format_tar_pax_g_large.tar     | FORMAT | the extended header at byte 0 is 4294967296 bytes, more than the 1048576 this reader accepts",
        "test_read_pax_empty_val_no_nl.tar        | FORMAT | pax header at byte 0: malformed record at offset 0",
    })
    void malformedOnesAreRefusedWithOneLine(String archive, Reason reason, String message, @TempDir Path workDir) throws Exception {
        refusedWithOneLine(LIBARCHIVE.resolve(archive), reason, message, workDir);
    }

    /** Refused through FFM, JNA and TarList, with the same one line. */
    static void refusedWithOneLine(Path archive, Reason reason, String message, Path workDir) throws Exception {
        Path file = archive.toAbsolutePath();
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file).close());
        assertEquals(reason, e.reason());
        assertEquals(file + ": " + message, e.getMessage());
        assertEquals(e.getMessage(), assertThrows(TarballException.class, () -> JnaTarball.open(file).close()).getMessage());
        TarListTest.Result result = TarListTest.tarList(workDir, TarListTest.NATIVE, file.toString());
        assertEquals(new TarListTest.Result(1, "", "tar-list: error: " + file + ": " + message + "\n"), result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libarchive", "go", "cpython"})
    void everyArchiveHereSaysWhereItCameFrom(String project) throws Exception {
        String readme = Files.readString(LIBARCHIVE.resolveSibling("README.md"));
        try (var files = Files.list(LIBARCHIVE.resolveSibling(project))) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.size() > 1, names.toString());
            for (String name : names) {
                assertTrue(readme.contains("`" + name + "`"), name + " needs a row in src/test/archives/README.md");
            }
        }
    }
}
