package javatoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BundledLibrary in one JVM, on a stand-in library: test-platform/libfake.so, bytes on the class
 * path (written beside the test classes), never loaded. ShippingTest starts the real jar.
 */
class BundledLibraryTest {
    private static final String PLATFORM = "test-platform";
    private static final byte[] FAKE = "not a real library: BundledLibraryTest extracts these bytes\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void putTheStandInOnTheClassPath() throws Exception {
        Path classes = Path.of(BundledLibraryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(classes.resolve(PLATFORM));
        Files.write(classes.resolve(PLATFORM).resolve(System.mapLibraryName("fake")), FAKE);
    }

    @Test
    void platformFoldersHaveJnasNames() {
        assertEquals("linux-x86-64", BundledLibrary.platformFolder("Linux", "amd64"));
        assertEquals("linux-aarch64", BundledLibrary.platformFolder("Linux", "aarch64"));
        assertEquals("darwin-aarch64", BundledLibrary.platformFolder("Mac OS X", "aarch64"));
        assertEquals("darwin-x86-64", BundledLibrary.platformFolder("Mac OS X", "x86_64"));
        assertEquals("win32-x86-64", BundledLibrary.platformFolder("Windows 11", "amd64"));
    }

    @Test
    void theFileIsTheJarsBytesInAFolderNamedByTheirSha256(@TempDir Path cache) throws Exception {
        Path file = BundledLibrary.extract(cache, PLATFORM, "fake");
        byte[] expected = resource();
        assertArrayEquals(expected, Files.readAllBytes(file));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)),
                file.getParent().getFileName().toString());
        assertEquals(cache, file.getParent().getParent());
    }

    @Test
    void eightThreadsAtOnceGetOneWholeFileAndLeaveNoTemporaryFile(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Path>> tasks = IntStream.range(0, 8).<Callable<Path>>mapToObj(i -> () -> BundledLibrary.extract(cache, PLATFORM, "fake")).toList();
            List<Path> files = pool.invokeAll(tasks).stream().map(BundledLibraryTest::get).distinct().toList();
            assertEquals(1, files.size(), "every thread gets the same file");
            assertArrayEquals(resource(), Files.readAllBytes(files.get(0)));
            try (var left = Files.list(files.get(0).getParent())) {
                assertEquals(List.of(files.get(0)), left.toList(), "nothing but the library in its folder");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCachedFileWithOtherBytesIsReplacedNotUsed(@TempDir Path cache) throws Exception {
        Path file = BundledLibrary.extract(cache, PLATFORM, "fake");
        Files.writeString(file, "changed after it was extracted");
        assertEquals(file, BundledLibrary.extract(cache, PLATFORM, "fake"));
        assertArrayEquals(resource(), Files.readAllBytes(file));
    }

    @Test
    void noWritableFolderIsOneLineThatNamesTheFix(@TempDir Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("a-file"), ""); // even root cannot create a folder in a file
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> BundledLibrary.extract(notAFolder.resolve("cache"), PLATFORM, "fake"));
        assertTrue(e.getMessage().startsWith("cannot extract libfake.so from the jar to " + notAFolder.resolve("cache")), e.getMessage());
        assertTrue(e.getMessage().endsWith("choose a folder you can write with -Dnative.cache=DIR or XDG_CACHE_HOME"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void aLibraryTheJarLacksSaysSo(@TempDir Path cache) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundledLibrary.extract(cache, PLATFORM, "missing"));
        assertEquals("the jar has no test-platform/libmissing.so: it was not built for this platform", e.getMessage());
    }

    @Test
    void theBuildTreeHasNoBundledLibrarySoTheLessonsUseJavaLibraryPath() {
        assertFalse(BundledLibrary.isBundled("example") || BundledLibrary.isBundled("example_jni"));
    }

    private static byte[] resource() {
        return FAKE.clone();
    }

    private static Path get(Future<Path> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
