package javatoc;

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
    private static final Path JAR = Path.of("target/dist/java-to-c.jar").toAbsolutePath();
    private static final Path IMAGE = Path.of("target/image/bin/java-to-c").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path ROOT = Path.of("/");

    record Result(int exitCode, String stdout, String stderr) {}

    @Test
    void theJarRunsFromAnyFolderWithOnlyPathAndPrintsNoWarning() throws Exception {
        assertTheLesson(run(ROOT, Map.of(), JAVA, "-jar", JAR.toString()));
    }

    @Test
    void twoCopiesStartedAtOnceOnAnEmptyCacheBothWork(@TempDir Path cache) throws Exception {
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        Process first = start(ROOT, environment, JAVA, "-jar", JAR.toString());
        Process second = start(ROOT, environment, JAVA, "-jar", JAR.toString());
        assertTheLesson(finish(first));
        assertTheLesson(finish(second));
        // One folder per set of libraries extracted together, named by their bytes' SHA-256; no temporary file left.
        Path ours = cache.resolve("jvm-interop");
        assertEquals(List.of(sha256("libexample.so"), sha256("libexample_jni.so", "libexample.so")).stream().sorted().toList(), listNames(ours));
        assertEquals(List.of("libexample.so", "libexample_jni.so"), listNames(ours.resolve(sha256("libexample_jni.so", "libexample.so"))));
        assertEquals(List.of("libexample.so"), listNames(ours.resolve(sha256("libexample.so"))));
    }

    @Test
    void aCorruptedCachedLibraryIsReplacedNotLoaded(@TempDir Path cache) throws Exception {
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
        assertTheLesson(run(ROOT, environment, JAVA, "-jar", JAR.toString()));
        Path cached = cache.resolve("jvm-interop").resolve(sha256("libexample.so")).resolve("libexample.so");
        Files.writeString(cached, "not a library any more"); // dlopen would fail on it: "invalid ELF header"
        assertTheLesson(run(ROOT, environment, JAVA, "-jar", JAR.toString()));
        assertArrayEquals(fromJar("libexample.so"), Files.readAllBytes(cached));
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
            command.addAll(List.of(JAVA, "-D" + BundledLibrary.CACHE_PROPERTY + "=" + readOnly, "-jar", jar.toString()));
            Result result = run(ROOT, Map.of(), command.toArray(String[]::new));
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.stderr().startsWith("error: cannot extract libexample_jni.so from the jar to " + readOnly + "/"), result.stderr());
            assertTrue(result.stderr().endsWith("choose a folder you can write with -Dnative.cache=DIR or XDG_CACHE_HOME\n"), result.stderr());
            assertEquals(1, result.stderr().lines().count(), result.stderr());
            assertTrue(result.stdout().contains("JNA, direct mapping\n"), "JNA's lessons ran first: " + result.stdout());
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
        assertTheLesson(run(ROOT, Map.of("PATH", "/usr/bin:/bin"), IMAGE.toString()));
    }

    @Test
    void jnaExtractsOurLibraryFromTheJarByItself(@TempDir Path cache) throws Exception {
        Result result = run(ROOT, Map.of("XDG_CACHE_HOME", cache.toString()), JAVA, "-Djna.debug_load=true", "-jar", JAR.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("Found library resource at jar:file:" + JAR + "!/linux-x86-64/libexample.so"), result.stderr());
        assertTrue(result.stderr().contains("Extracting library to " + cache.resolve("JNA")), result.stderr());
    }

    @Test
    void theManifestLineCountsOnlyForJavaJarOnTheClassPathTheWarningIsBack() throws Exception {
        Result result = run(ROOT, Map.of(), JAVA, "-cp", JAR.toString(), "javatoc.Main");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("WARNING: A restricted method in java.lang.System has been called"), result.stderr());
    }

    /** The lesson's output: the four mechanisms of `make run`, in its order, and nothing on stderr. */
    private static void assertTheLesson(Result result) throws IOException {
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr());
        String expected = Files.readString(Path.of("expected-output.txt"));
        String lastLine = "  access(\"/no/such/file\", R_OK) failed: errno 2\n";
        assertEquals(expected.substring(0, expected.indexOf(lastLine, expected.indexOf("FFM (java.lang.foreign)")) + lastLine.length()), result.stdout());
    }

    private static Process start(Path folder, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().clear(); // as `env -i`: PATH only, plus what the test names
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        var stdout = process.getInputStream().readAllBytes(); // small: no pipe fills while the other waits
        var stderr = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not finish");
        return new Result(process.exitValue(), new String(stdout), new String(stderr));
    }

    private static Result run(Path folder, Map<String, String> environment, String... command) throws Exception {
        return finish(start(folder, environment, command));
    }

    /** The SHA-256 of the named libraries' bytes, one after the other, as they are in the jar. */
    private static String sha256(String... libraries) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String library : libraries) {
            digest.update(fromJar(library));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] fromJar(String library) throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            return jar.getInputStream(jar.getEntry("linux-x86-64/" + library)).readAllBytes();
        }
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
