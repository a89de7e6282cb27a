package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ctojava.Programs.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The C main that embeds the JVM, run as a process from a folder that has nothing in it, under -Xcheck:jni (Programs). */
class EmbedTest {
    private static final String TITLE = "C main embeds the JVM (JNI invocation API)";

    @TempDir
    Path elsewhere;

    @Test
    void printsTheLessonFromAnyFolderWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.c(elsewhere, "embed");
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection(TITLE), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -7, 21, 1_073_741_823, -1_073_741_824})
    void javaDoublesWhatCPasses(int value) throws Exception {
        Result result = Programs.c(elsewhere, "embed", Integer.toString(value));
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().contains("  " + value + " * 2 = " + Math.multiplyExact(value, 2) + "\n"), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_073_741_824, 2_000_000_000, Integer.MIN_VALUE})
    void aJavaExceptionIsOneLineWithClassAndMessageAndExitStatusOne(int value) throws Exception {
        Result result = Programs.c(elsewhere, "embed", Integer.toString(value));
        assertEquals(1, result.exitCode());
        assertEquals("error: ctojava/Doubler.doubleInput(" + value + ") threw: java.lang.ArithmeticException: integer overflow\n",
                result.stderr());
        assertFalse(result.stdout().contains("* 2 ="), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4x", "", "2147483648", "99999999999", "--nope"})
    void aValueThatIsNotAnIntIsOneLineAndExitStatusTwoBeforeAnyJvm(String value) throws Exception {
        Result result = Programs.c(elsewhere, "embed", value);
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout(), "nothing started");
        assertEquals("error: `" + value + "` is not an int from -2147483648 to 2147483647;"
                + " usage: embed [-J<jvm option>]... [--class=NAME] [--method=NAME] [value]\n", result.stderr());
    }

    @Test
    void withoutTheRpathTheLoaderCannotFindLibjvmAndMainNeverRuns() throws Exception {
        // The Makefile's build line without -Wl,-rpath (`cc` is there: it built embed).
        Path executable = Programs.compile(elsewhere.resolve("embed-without-rpath"), false,
                "src/main/c/embed.c", "src/main/c/jvm.c");
        Result result = Programs.c(elsewhere, executable);
        assertEquals(127, result.exitCode());
        assertEquals("", result.stdout(), "main never ran");
        assertTrue(result.stderr().contains("error while loading shared libraries: libjvm.so: cannot open shared object file"),
                result.stderr());
    }

    @Test
    void aMissingClassNamesTheClassPathItSearched() throws Exception {
        Result result = Programs.c(elsewhere, "embed", "--class=ctojava/NoSuchClass");
        assertEquals(1, result.exitCode());
        String computed = Programs.BIN + "/../classes";
        assertEquals("error: class ctojava/NoSuchClass not found on the class path " + computed
                + " (build the classes with `make`, or give their folder with -J-Djava.class.path=DIR):"
                + " java.lang.NoClassDefFoundError: ctojava/NoSuchClass\n", result.stderr());
    }

    @Test
    void aClassPathGivenReplacesTheComputedOne() throws Exception {
        Result empty = Programs.c(elsewhere, "embed", "-J-Djava.class.path=" + elsewhere);
        assertEquals(1, empty.exitCode());
        assertTrue(empty.stderr().startsWith("error: class ctojava/Doubler not found on the class path " + elsewhere + " "),
                empty.stderr());

        Path classes = Path.of("target/classes").toAbsolutePath();
        Result given = Programs.c(elsewhere, "embed", "-J-Djava.class.path=" + classes);
        assertEquals("", given.stderr());
        assertEquals(0, given.exitCode());
    }

    @Test
    void aMissingMethodSaysWhichSignatureWasLookedFor() throws Exception {
        Result result = Programs.c(elsewhere, "embed", "--method=tripleInput");
        assertEquals(1, result.exitCode());
        assertEquals("error: no method `static int tripleInput(int)` in class ctojava/Doubler:"
                + " java.lang.NoSuchMethodError: tripleInput\n", result.stderr());
    }

    @Test
    void anUnknownXxOptionIsJniEinval() throws Exception {
        Result result = Programs.c(elsewhere, "embed", "-J-XX:+NoSuchOption");
        assertEquals(1, result.exitCode());
        assertEquals("Unrecognized VM option 'NoSuchOption'\n"
                + "error: JNI_CreateJavaVM returned -6, JNI_EINVAL (invalid arguments, e.g. an unknown -XX option):"
                + " check the JVM options (the JVM's own message, if any, is above)\n", result.stderr());
    }

    @Test
    void anUnknownXOptionIsJniErr() throws Exception {
        Result result = Programs.c(elsewhere, "embed", "-J-Xnosuchoption");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().startsWith("Unrecognized option: -Xnosuchoption\n"), result.stderr());
        assertTrue(result.stderr().contains("error: JNI_CreateJavaVM returned -1, JNI_ERR (unknown error)"), result.stderr());
    }

    @Test
    void someBadOptionsEndTheProcessBeforeJniCreateJavaVmReturns() throws Exception {
        // The JVM calls exit() itself: C never sees an error code, so it cannot print its own message.
        Result result = Programs.c(elsewhere, "embed", "-J-Xmx1k");
        assertEquals(1, result.exitCode());
        // And the JVM prints its reason on stdout, not stderr.
        // And without the fflush(stdout) before JNI_CreateJavaVM, C's line would come after the JVM's.
        assertEquals(Programs.expectedSection("C main embeds the JVM (JNI invocation API)").lines().findFirst().orElseThrow()
                + "\nError occurred during initialization of VM\nToo small maximum heap\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void namesOutsideAsciiAndTheBmpCrossAsTheyAreWhateverTheLocale() throws Exception {
        // JNI wants names in modified UTF-8: embed converts argv's UTF-8, and prints Java's text as UTF-8.
        // The name's bytes come from the shell's printf, so that this JVM's own locale cannot change them.
        String name = "\u00e9\uD835\uDC00"; // é (2 bytes of UTF-8), U+1D400 (4 bytes; outside the BMP)
        Path classes = Programs.compileJava(elsewhere.resolve("classes"),
                "package ctojava; public final class Doubler { public static int doubl" + name + "(int v) { return 2 * v; } }");
        Result found = embedUnderCLocale(classes, "--method=doubl", "21");
        assertEquals("", found.stderr());
        assertTrue(found.stdout().contains("  21 * 2 = 42\n"), found.stdout());
        Result missing = embedUnderCLocale(classes, "--method=tripl", "21");
        assertEquals(1, missing.exitCode());
        assertEquals("error: no method `static int tripl" + name + "(int)` in class ctojava/Doubler:"
                + " java.lang.NoSuchMethodError: tripl" + name + "\n", missing.stderr());
    }

    /** embed with the argument `prefix` followed by the UTF-8 bytes of "é" and U+1D400, under LC_ALL=C. */
    private Result embedUnderCLocale(Path classes, String prefix, String value) throws Exception {
        return Programs.c(elsewhere, Map.of("LC_ALL", "C"), Path.of("/bin/sh"), "-c",
                "exec \"$0\" -J-Xcheck:jni -J-Djava.class.path=\"$1\" \"" + prefix + "$(printf '\\303\\251\\360\\235\\220\\200')\" \"$2\"",
                Programs.BIN.resolve("embed").toString(), classes.toString(), value);
    }

    @Test
    void aNameThatIsNotUtf8IsOneLineAndExitStatusTwo() throws Exception {
        // Java cannot pass the byte 0xFF as an argument itself: the shell's printf does.
        Result result = Programs.c(elsewhere, Path.of("/bin/sh"), "-c", "exec \"$0\" -J-Xcheck:jni \"--class=$(printf '\\377')\"",
                Programs.BIN.resolve("embed").toString());
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: a class or method name that is not UTF-8 (or longer than 500 bytes);"
                + " usage: embed [-J<jvm option>]... [--class=NAME] [--method=NAME] [value]\n", result.stderr());
    }
}
