package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's archive/tar test archives (src/test/archives/README.md says where they came from): each is
 * listed as Go's reader_test.go (or writer_test.go) expects, except where the README says why
 * not, and each one Go refuses as malformed is refused here with one line.
 */
class GoArchivesTest {
    static final Path GO = Path.of("src/test/archives/go");

    static Stream<Arguments> listings() {
        String twoFiles = "FILE 5 small.txt; FILE 11 small2.txt";
        String numbers = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining());
        String hdrOnly = "DIRECTORY 0 dir/; FIFO 0 fifo; FILE 46 file; HARDLINK 0 hardlink -> file; CHARACTER_DEVICE 0 null; "
                + "BLOCK_DEVICE 0 sda; SYMLINK 0 symlink -> file; SYMLINK 0 badlink -> missing";
        return Stream.of(
                Arguments.of("gnu.tar", twoFiles),
                Arguments.of("star.tar", twoFiles),
                Arguments.of("v7.tar", twoFiles),
                Arguments.of("xattrs.tar", twoFiles),
                Arguments.of("sparse-formats.tar", "SPARSE_FILE 200 sparse-gnu; SPARSE_FILE 200 sparse-posix-0.0; "
                        + "SPARSE_FILE 200 sparse-posix-0.1; SPARSE_FILE 200 sparse-posix-1.0; FILE 4 end"),
                Arguments.of("pax.tar", "FILE 7 a/" + numbers + "; SYMLINK 0 a/b -> " + numbers),
                Arguments.of("pax-pos-size-file.tar", "FILE 999 foo"),
                Arguments.of("pax-records.tar", "FILE 0 file"),
                Arguments.of("pax-global-records.tar", "FILE 0 file1; FILE 0 file2; FILE 0 file3; FILE 0 file4"), // Go also lists the 'g' headers
                Arguments.of("nil-uid.tar", "FILE 14 P1050238.JPG.log"),
                Arguments.of("gnu-multi-hdrs.tar", "SYMLINK 0 GNU2/GNU2/long-path-name -> GNU4/GNU4/long-linkpath-name"),
                Arguments.of("pax-multi-hdrs.tar", "SYMLINK 0 bar -> PAX4/PAX4/long-linkpath-name"),
                Arguments.of("gnu-incremental.tar", "DIRECTORY 14 test2/; FILE 64 test2/foo; SPARSE_FILE 536870912 test2/sparse"),
                Arguments.of("gnu-long-nul.tar", "FILE 0 0123456789"),
                Arguments.of("gnu-utf8.tar", "FILE 0 " + "☺☻☹".repeat(18)),
                Arguments.of("gnu-not-utf8.tar", "FILE 0 hi\uFFFD\uFFFD\uFFFD\uFFFDbye"), // bytes 0x80-0x83, not UTF-8
                Arguments.of("invalid-go17.tar", "FILE 0 foo"), // Go reads a prefix there that GNU tar and libarchive do not
                Arguments.of("ustar-file-devs.tar", "FILE 0 file"),
                Arguments.of("ustar-file-reg.tar", "FILE 684 foo"),
                Arguments.of("pax-bad-mtime-file.tar", "FILE 684 foo"), // Go refuses its mtime; we do not read mtimes
                Arguments.of("gnu-nil-sparse-data.tar", "SPARSE_FILE 1000 sparse.db"),
                Arguments.of("gnu-nil-sparse-hole.tar", "SPARSE_FILE 1000 sparse.db"),
                Arguments.of("pax-nil-sparse-data.tar", "SPARSE_FILE 1000 sparse.db"),
                Arguments.of("pax-nil-sparse-hole.tar", "SPARSE_FILE 1000 sparse.db"),
                Arguments.of("trailing-slash.tar", "DIRECTORY 0 " + "123456789/".repeat(30)),
                Arguments.of("hdr-only.tar", hdrOnly + "; " + hdrOnly), // the second 8 have sizes, and no data
                Arguments.of("hardlink.tar", "FILE 15 file.txt; HARDLINK 0 hard.txt -> file.txt"),
                Arguments.of("gnu-sparse-big.tar", "SPARSE_FILE 60000000000 gnu-sparse"),
                Arguments.of("pax-sparse-big.tar", "SPARSE_FILE 60000000000 pax-sparse"));
    }

    @ParameterizedTest
    @MethodSource("listings")
    void listedAsGoListsThem(String archive, String expected) throws Exception {
        assertEquals(expected, ForeignArchivesTest.listing(GO.resolve(archive)).replace("\n", "; "));
    }

    private static String text(Tarball tarball, int index, long offset, int length) {
        byte[] bytes = new byte[length];
        long copied = tarball.read(index, offset, MemorySegment.ofArray(bytes));
        return new String(Arrays.copyOf(bytes, (int) copied), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theBytesGosTestsRead() throws Exception {
        try (Tarball tarball = Tarball.open(GO.resolve("gnu.tar"))) { // TestPartialRead
            assertEquals("Kilt", text(tarball, 0, 0, 4));
            assertEquals("Google", text(tarball, 1, 0, 6));
        }
        try (Tarball tarball = Tarball.open(GO.resolve("sparse-formats.tar"))) {
            for (int i = 0; i < 4; i++) {
                assertEquals("\0G\0o\0G\0o", text(tarball, i, 0, 8), "sparse entry " + i);
            }
            assertEquals("end\n", text(tarball, 4, 0, 4));
        }
        for (String archive : new String[] {"gnu-sparse-big.tar", "pax-sparse-big.tar"}) { // writer_test.go: 6 chunks of 100 bytes
            try (Tarball tarball = Tarball.open(GO.resolve(archive))) {
                for (long end = 10_000_000_000L; end <= 60_000_000_000L; end += 10_000_000_000L) {
                    assertEquals("\0\0" + "0123456789".repeat(10), text(tarball, 0, end - 102, 102), archive + " before " + end);
                }
            }
        }
        try (Tarball tarball = Tarball.open(GO.resolve("gnu-nil-sparse-hole.tar"))) {
            assertArrayEquals(new byte[1000], text(tarball, 0, 0, 1000).getBytes(StandardCharsets.ISO_8859_1), "all hole");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "neg-size.tar          | FIELD  | the header at byte 0 has a size field that is not a number",
        "issue10968.tar        | FIELD  | the header at byte 0 has a size field that is not a number",
        "issue11169.tar        | FIELD  | the header at byte 0 has a checksum field that is not an octal number (not a tar archive?)",
        "issue12435.tar        | FIELD  | the header at byte 0 has a size field that is not a number",
        "pax-bad-hdr-file.tar  | FORMAT | pax header at byte 0: malformed record at offset 0",
        "pax-nul-path.tar      | FORMAT | pax header at byte 0: a path contains a NUL byte",
        "pax-nul-xattrs.tar    | FORMAT | pax header at byte 0: a keyword is empty or contains a NUL byte",
        // Go and GNU tar read this one as an empty archive; libarchive refuses it too
        "pax-path-hdr.tar      | FORMAT | the archive ends after the extended header at byte 0, before the entry it describes",
    })
    void malformedOnesAreRefusedWithOneLine(String archive, Reason reason, String message, @TempDir Path workDir) throws Exception {
        ForeignArchivesTest.refusedWithOneLine(GO.resolve(archive), reason, message, workDir);
    }
}
