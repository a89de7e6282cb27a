package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How zlib is found (OSLIB.md): the lesson program as a user runs it, the ways that fail, and why. */
class ZlibLoadingTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path HERE = Path.of("").toAbsolutePath();
    /** Debian's multiarch folder; the unversioned libz.so is there only if zlib1g-dev is installed. */
    private static final Path MULTIARCH = Path.of("/usr/lib/x86_64-linux-gnu");

    /** java, without LD_LIBRARY_PATH (the JDK puts it in front of java.library.path's default). */
    static Programs.Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-u", "LD_LIBRARY_PATH", JAVA));
        command.addAll(List.of(args));
        return Programs.run(HERE, Map.of(), command);
    }

    @Test
    void theLessonPrintsItsPartOfExpectedOutputAndNoWarning() throws Exception {
        Programs.Result result = java("--enable-native-access=ALL-UNNAMED", "-cp", "target/classes", "javatoc.ZlibExample");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        String expected = Files.readString(Path.of("expected-output.txt"), StandardCharsets.UTF_8);
        assertEquals(expected.substring(expected.indexOf("zlib, a library of the operating system")), result.stdout());
    }

    @Test
    void aLibraryThatDlopenCannotFindIsOneClearLine() throws Exception {
        Programs.Result result = java("--enable-native-access=ALL-UNNAMED", "-Dzlib.library=libz.so.0", "-cp", "target/classes",
                "javatoc.ZlibExample");
        assertEquals(1, result.exitCode());
        assertEquals("error: libz.so.0 could not be opened: dlopen found no such library in the system's folders"
                + " (install Debian's zlib1g: apt-get install zlib1g; elsewhere pass -Dzlib.library=its file name)\n", result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void underTheFutureDefaultNativeAccessIsAnError() throws Exception {
        Programs.Result result = java("--illegal-native-access=deny", "-cp", "target/classes", "javatoc.ZlibExample");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().startsWith("error: Illegal native access from an unnamed module"), result.stderr());
        assertTrue(result.stderr().endsWith(": run java with --enable-native-access=ALL-UNNAMED\n"), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    @Test
    void loadLibraryLooksOnlyInJavaLibraryPathWhoseDefaultLacksTheMultiarchFolder() throws Exception {
        Programs.Result result = java("--enable-native-access=ALL-UNNAMED", "-cp", "target/test-classes", "javatoc.LoadZlibOtherWays");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
        List<String> lines = result.stdout().lines().toList();
        // The JDK's default java.library.path on Linux: no /usr/lib/x86_64-linux-gnu, so no libz.so, dev package or not.
        assertEquals("System.loadLibrary(\"z\"): java.lang.UnsatisfiedLinkError: no z in java.library.path:"
                + " /usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib", lines.get(0));
        // dlopen searches the system's folders (ld.so.cache), but libz.so is zlib1g-dev's symlink.
        boolean devPackage = Files.exists(MULTIARCH.resolve("libz.so"));
        assertEquals("SymbolLookup.libraryLookup(\"libz.so\", arena): "
                + (devPackage ? "loaded" : "java.lang.IllegalArgumentException: Cannot open library: libz.so"), lines.get(1));
        // The versioned name is zlib1g's own file: there wherever zlib is.
        assertEquals("SymbolLookup.libraryLookup(\"libz.so.1\", arena): loaded", lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void loadLibraryFindsTheMultiarchFolderOnlyWhenTold() throws Exception {
        Programs.Result result = java("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + MULTIARCH,
                "-cp", "target/test-classes", "javatoc.LoadZlibOtherWays");
        String first = result.stdout().lines().findFirst().orElseThrow();
        if (Files.exists(MULTIARCH.resolve("libz.so"))) {
            assertEquals("System.loadLibrary(\"z\"): loaded", first); // through zlib1g-dev's symlink
        } else {
            assertEquals("System.loadLibrary(\"z\"): java.lang.UnsatisfiedLinkError: no z in java.library.path: " + MULTIARCH, first);
        }
        assertFalse(result.stdout().contains("libz.so.1\", arena): java"), result.stdout());
    }
}
