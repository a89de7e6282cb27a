package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython's tarfile test archives (src/test/archives/README.md says where they came from):
 * testtar.tar is listed as CPython's tarfile lists it, its files hold the bytes CPython's tests
 * expect, and recursion.tar, which tarfile refuses, is refused with one line.
 */
class CpythonArchivesTest {
    static final Path CPYTHON = Path.of("src/test/archives/cpython");
    static final String SHA256_REGTYPE = "e09e4bc8b3c9d9177e77256353b36c159f5f040531bbd4b024a8f9b9196c71ce"; // test_tarfile.py
    static final String SHA256_SPARSE = "4f05a776071146756345ceee937b33fc5644f5a96b9780d1c7d6a32cdf164d7b";

    @Test
    void testtarIsListedAsTarfileListsItWithTheBytesItsTestsExpect(@TempDir Path folder) throws Exception {
        Path archive = folder.resolve("testtar.tar"); // kept gzipped here: 435200 bytes, mostly zeros
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CPYTHON.resolve("testtar.tar.gz")))) {
            Files.copy(in, archive);
        }
        assertEquals(Files.readString(CPYTHON.resolve("testtar.tar.listing")).strip(), ForeignArchivesTest.listing(archive));
        try (Tarball tarball = Tarball.open(archive)) {
            int regular = 0, sparse = 0;
            for (TarEntry entry : tarball.entries()) {
                if (entry.size() == 7011 || entry.size() == 86016) { // every copy of ustar/regtype and of gnu/sparse
                    byte[] bytes = new byte[(int) entry.size()];
                    assertEquals(entry.size(), tarball.read(entry.index(), 0, MemorySegment.ofArray(bytes)));
                    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                    assertEquals(entry.size() == 7011 ? SHA256_REGTYPE : SHA256_SPARSE, sha256, entry.name());
                    regular += entry.size() == 7011 ? 1 : 0;
                    sparse += entry.type() == TarEntry.Type.SPARSE_FILE ? 1 : 0;
                }
            }
            assertEquals(List.of(20, 4), List.of(regular, sparse));
        }
    }

    @Test
    void recursionTarIsRefusedWithOneLine(@TempDir Path workDir) throws Exception {
        // bpo-39017: tarfile must refuse it ("file could not be opened successfully"), not loop
        ForeignArchivesTest.refusedWithOneLine(CPYTHON.resolve("recursion.tar"), Reason.TRUNCATED,
                "the archive ends in the padding of the entry at byte 0", workDir);
    }
}
