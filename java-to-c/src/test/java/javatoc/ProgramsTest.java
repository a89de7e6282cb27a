package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each example program as a user would, with a plain `java` command, and checks what it prints. */
class ProgramsTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String NATIVE = Path.of("target", "native").toAbsolutePath().toString();
    private static final String CLASSPATH = "target/classes:target/lib/*";

    static Programs.Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(args));
        return Programs.run(workDir, Map.of(), command);
    }

    private static String expectedSection(String title) throws IOException {
        String expected = Files.readString(Path.of("expected-output.txt"), StandardCharsets.UTF_8);
        int start = expected.indexOf(title + "\n");
        int end = expected.indexOf("\n", expected.indexOf("errno", start)) + 1;
        return expected.substring(start, end);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JnaInterfaceExample", "JnaDirectExample", "JniExample", "FfmExample"})
    void printsTheLessonAndNoWarning(String program) throws Exception {
        Programs.Result result = run(Path.of("").toAbsolutePath(), "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + NATIVE, "-Djna.library.path=" + NATIVE, "-cp", CLASSPATH, "javatoc." + program);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        String title = result.stdout().lines().findFirst().orElseThrow();
        assertEquals(expectedSection(title), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JniExample", "JniUnderCheck"})
    void theJniGlueChecksForExceptionsAsTheJvmRequires(String program) throws Exception {
        // -Xcheck:jni checks every JNI call and prints "WARNING in native method: ..." on stdout.
        // (JNA's own libjnidispatch draws such warnings too: this runs the glue we write.)
        Programs.Result result = run(Path.of("").toAbsolutePath(), "-Xcheck:jni", "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + NATIVE, "-cp", CLASSPATH + ":target/test-classes", "javatoc." + program);
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
        assertFalse(result.stdout().contains("WARNING"), result.stdout());
        assertTrue(result.stdout().contains(program.equals("JniExample") ? "errno 2" : "IllegalStateException: access was"), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JnaInterfaceExample", "JnaDirectExample", "JniExample", "FfmExample"})
    void aMissingLibraryIsOneClearLineNotACrash(String program, @TempDir Path empty) throws Exception {
        Path classes = Path.of("target/classes").toAbsolutePath();
        Path lib = Path.of("target/lib").toAbsolutePath();
        Programs.Result result = run(empty, "--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + empty,
                "-Djna.library.path=" + empty, "-cp", classes + ":" + lib + "/*", "javatoc." + program);
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        String[] lines = result.stderr().split("\n");
        assertEquals(1, lines.length, result.stderr());
        assertTrue(lines[0].startsWith("error: libexample"), lines[0]);
        assertTrue(lines[0].contains("library.path=" + empty), "names where it looked: " + lines[0]);
        assertTrue(lines[0].contains("build it with `make`"), "says how to fix it: " + lines[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JnaDirectExample", "FfmExample"})
    void withoutEnableNativeAccessJdk25Warns(String program) throws Exception {
        // Why every command line carries --enable-native-access: this is what users see without it.
        Programs.Result result = run(Path.of("").toAbsolutePath(), "-Djava.library.path=" + NATIVE,
                "-Djna.library.path=" + NATIVE, "-cp", CLASSPATH, "javatoc." + program);
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("WARNING: A restricted method in "), result.stderr());
        assertTrue(result.stderr().contains("Use --enable-native-access=ALL-UNNAMED"), result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JnaInterfaceExample", "JnaDirectExample", "JniExample", "FfmExample"})
    void underTheFutureDefaultItIsAnError(String program) throws Exception {
        Programs.Result result = run(Path.of("").toAbsolutePath(), "--illegal-native-access=deny",
                "-Djava.library.path=" + NATIVE, "-cp", CLASSPATH, "javatoc." + program);
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().startsWith("error: Illegal native access from an unnamed module"), result.stderr());
        assertTrue(result.stderr().endsWith(": run java with --enable-native-access=ALL-UNNAMED\n"), "one line, with the fix");
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }
}
