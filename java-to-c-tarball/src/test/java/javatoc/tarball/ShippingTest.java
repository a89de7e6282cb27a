package javatoc.tarball;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar and image (make dist, make image; SHIPPING.md), started as a user would, with
 * nothing from the build tree: no -D, no LD_LIBRARY_PATH, no JAVA_HOME. `make test` builds them first.
 */
class ShippingTest {
    private static final Path JAR = Path.of("target/dist/java-to-c-tarball.jar").toAbsolutePath();
    private static final Path IMAGE = Path.of("target/image/bin/java-to-c-tarball").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String LIBRARY = "libtarball.so";
    private static final Path ROOT = Path.of("/");
    private static final String ARCHIVE = Path.of("example.tar").toAbsolutePath().toString();

    record Result(int exitCode, String stdout, String stderr) {}

    @Test
    void theJarRunsFromAnyFolderWithOnlyPathAndPrintsNoWarning() throws Exception {
        assertTheLesson(run(ROOT, Map.of(), JAVA, "-jar", JAR.toString(), ARCHIVE));
    }

    @Test
    void twoCopiesStartedAtOnceOnAnEmptyCacheBothWork(@TempDir Path cache) throws Exception {
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        Process first = start(ROOT, environment, JAVA, "-jar", JAR.toString(), ARCHIVE);
        Process second = start(ROOT, environment, JAVA, "-jar", JAR.toString(), ARCHIVE);
        assertTheLesson(finish(first));
        assertTheLesson(finish(second));
        // One folder, named by the library's SHA-256, holding the library and no temporary file.
        Path ours = cache.resolve("jvm-interop");
        assertEquals(List.of(sha256(fromJar())), listNames(ours));
        assertEquals(List.of(LIBRARY), listNames(ours.resolve(sha256(fromJar()))));
    }

    @Test
    void aCorruptedCachedLibraryIsReplacedNotLoaded(@TempDir Path cache) throws Exception {
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        assertTheLesson(run(ROOT, environment, JAVA, "-jar", JAR.toString(), ARCHIVE));
        Path cached = cache.resolve("jvm-interop").resolve(sha256(fromJar())).resolve(LIBRARY);
        Files.writeString(cached, "not a library any more"); // dlopen would fail on it: "invalid ELF header"
        assertTheLesson(run(ROOT, environment, JAVA, "-jar", JAR.toString(), ARCHIVE));
        assertArrayEquals(fromJar(), Files.readAllBytes(cached));
    }

    @Test
    void aReadOnlyCacheFolderIsOneLineThatNamesTheFix() throws Exception {
        // Root writes in any folder whatever its mode, so as root the jar runs as the user nobody:
        // a copy of it, in a fresh folder of mode 755 that nobody can read wherever the build is.
        Path shared = Files.createTempDirectory("shipping-test");
        Path readOnly = shared.resolve("cache");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = Files.copy(JAR, shared.resolve(JAR.getFileName()));
            Files.createDirectory(readOnly, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
            List<String> command = new ArrayList<>();
            if (System.getProperty("user.name").equals("root")) {
                command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            }
            command.addAll(List.of(JAVA, "-D" + BundledLibrary.CACHE_PROPERTY + "=" + readOnly, "-jar", jar.toString(), ARCHIVE));
            Result result = run(ROOT, Map.of(), command.toArray(String[]::new));
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.stderr().startsWith("borrow: error: cannot extract " + LIBRARY + " from the jar to " + readOnly + "/"), result.stderr());
            assertTrue(result.stderr().endsWith("choose a folder you can write with -Dnative.cache=DIR or XDG_CACHE_HOME\n"), result.stderr());
            assertEquals(1, result.stderr().lines().count(), result.stderr());
        } finally {
            if (Files.exists(readOnly)) {
                Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (var files = Files.walk(shared)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void theImageRunsWithNoJdkAndNoJavaHome() throws Exception {
        assertFalse(Files.exists(IMAGE.resolveSibling("javac")), "an image is a runtime, not a JDK");
        assertTheLesson(run(ROOT, Map.of("PATH", "/usr/bin:/bin"), IMAGE.toString(), ARCHIVE));
    }

    @Test
    void theManifestLineCountsOnlyForJavaJarOnTheClassPathTheWarningIsBack() throws Exception {
        Result result = run(ROOT, Map.of(), JAVA, "-cp", JAR.toString(), "javatoc.tarball.Borrow", ARCHIVE);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("WARNING: A restricted method in java.lang.foreign.SymbolLookup has been called"), result.stderr());
    }

    /** The lesson's output, Borrow's part of expected-output.txt (make run then runs ManyReaders), and nothing on stderr. */
    private static void assertTheLesson(Result result) throws IOException {
        List<String> expected = Files.readAllLines(Path.of("expected-output.txt"));
        String borrows = String.join("\n", expected.subList(0, expected.size() - ManyReadersTest.LINES)) + "\n";
        assertEquals(new Result(0, borrows, ""), result);
    }

    private static Process start(Path folder, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().clear(); // as `env -i`: PATH only, plus what the test names
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        byte[] stdout = process.getInputStream().readAllBytes(); // small: no pipe fills while the other waits
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not finish");
        return new Result(process.exitValue(), new String(stdout, UTF_8), new String(stderr, UTF_8));
    }

    private static Result run(Path folder, Map<String, String> environment, String... command) throws Exception {
        return finish(start(folder, environment, command));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] fromJar() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            return jar.getInputStream(jar.getEntry("linux-x86-64/" + LIBRARY)).readAllBytes();
        }
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
