package rusttojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rusttojava.Programs.Result;

/** The Rust main that embeds the JVM, run as a process from a folder that has nothing in it. */
class EmbedTest {
    private static final String TITLE = "Rust main embeds the JVM (JNI invocation API; jni.h's bindings by bindgen)";

    @TempDir
    Path elsewhere;

    @Test
    void printsTheLessonFromAnyFolderWithNoLdLibraryPathAndNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.embed(elsewhere, Map.of());
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection(TITLE), result.stdout());
    }

    @Test
    void aBadJvmOptionIsJniEinvalInOneLine() throws Exception {
        Result result = Programs.embed(elsewhere, Map.of(), "-J-XX:+NoSuchOption");
        assertEquals(1, result.exitCode());
        assertEquals(TITLE + "\n", result.stdout());
        assertEquals("Unrecognized VM option 'NoSuchOption'\n"
                + "error: JNI_CreateJavaVM returned -6, JNI_EINVAL (invalid arguments, e.g. an unknown -XX option):"
                + " check the JVM options and the JDK (the JVM's own message, if any, is above)\n", result.stderr());
    }

    @Test
    void anUnknownArgumentShowsTheUsage() throws Exception {
        Result result = Programs.embed(elsewhere, Map.of(), "--fast");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: unknown argument \"--fast\": usage: embed [-J<jvm option>]...\n", result.stderr());
    }

    @Test
    void anArgumentThatIsNotUtf8IsOneLineNotAPanic() throws Exception {
        // Java cannot pass the byte 0xFF as an argument itself: the shell's printf does.
        Result result = Programs.run(elsewhere, Map.of(), List.of("sh", "-c", "exec \"$0\" \"-J$(printf '\\377')\"",
                Programs.EMBED.toString()));
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: argument \"-J\\xFF\" is not UTF-8\n", result.stderr());
    }

    @Test
    void aStdoutThatCannotBeWrittenIsOneLineNotAPanicTrace() throws Exception {
        Result result = Programs.run(elsewhere, Map.of("RUST_BACKTRACE", "1"),
                List.of("sh", "-c", "exec \"$0\" > /dev/full", Programs.EMBED.toString()));
        assertEquals(101, result.exitCode()); // Rust's exit status after a panic
        assertEquals("error: failed printing to stdout: No space left on device (os error 28)\n", result.stderr());
    }

    @Test
    void aMissingClassSaysWhereToFindIt() throws Exception {
        Result result = Programs.embed(elsewhere, Map.of(), "-J-Djava.class.path=" + elsewhere);
        assertEquals(1, result.exitCode());
        assertEquals("error: class rusttojava/Doubler not found (java.lang.NoClassDefFoundError: rusttojava/Doubler):"
                + " build the classes with `make`, or give their folder with -J-Djava.class.path=DIR\n", result.stderr());
    }

    @Test
    void aMissingLibjvmStopsTheProgramBeforeMain() throws Exception {
        // A copy of embed whose rpath names a folder that does not exist: as if the JDK it was
        // built with had been removed. The dynamic loader stops it before main() runs.
        byte[] program = Files.readAllBytes(Programs.EMBED);
        byte[] rpath = (Programs.JDK + "/lib/server").getBytes(StandardCharsets.UTF_8);
        byte[] gone = ("/" + "x".repeat(rpath.length - 1)).getBytes(StandardCharsets.UTF_8);
        int replaced = 0;
        for (int i = 0; i + rpath.length <= program.length; i++) {
            if (Arrays.equals(program, i, i + rpath.length, rpath, 0, rpath.length)) {
                System.arraycopy(gone, 0, program, i, gone.length);
                replaced++;
            }
        }
        assertTrue(replaced > 0, "the rpath " + Programs.JDK + "/lib/server is not in " + Programs.EMBED);
        Path copy = elsewhere.resolve("embed");
        Files.write(copy, program);
        assertTrue(copy.toFile().setExecutable(true));

        Result result = Programs.run(elsewhere, Map.of(), java.util.List.of(copy.toString()));
        assertEquals(127, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals(copy + ": error while loading shared libraries: libjvm.so: cannot open shared object file:"
                + " No such file or directory\n", result.stderr());
    }

    @Test
    void anOlderJdksLibjvmRefusesJni21() throws Exception {
        // LD_LIBRARY_PATH comes before the rpath (a RUNPATH): here it brings an older JDK's libjvm.so.
        Optional<Programs.Jdk> older = Programs.olderJdk(21);
        assumeTrue(older.isPresent(), "no JDK older than 21 here to try");
        Result result = Programs.embed(elsewhere, Map.of("LD_LIBRARY_PATH", older.get().home().resolve("lib/server").toString()));
        assertEquals(1, result.exitCode());
        assertEquals("error: JNI_CreateJavaVM returned -3, JNI_EVERSION (JNI version error: this libjvm is older than"
                + " the version asked for): check the JVM options and the JDK (the JVM's own message, if any, is above)\n",
                result.stderr());
    }

    @Test
    void aMissingMethodIsOneLineAndNoJniCallIsMadeWithItsExceptionPending() throws Exception {
        // A Doubler without doubleInput: the first lookup throws, and -Xcheck:jni (Programs) would
        // complain if the second lookup were made before that exception is checked.
        Path classes = Programs.compileJava(elsewhere.resolve("classes"),
                "package rusttojava; public final class Doubler { public static String currentThreadName() { return \"\"; } }");
        Result result = Programs.embed(elsewhere, Map.of(), "-J-Djava.class.path=" + classes);
        assertEquals(1, result.exitCode());
        assertEquals(TITLE + "\n", result.stdout());
        assertEquals("error: no method `static int doubleInput(int)` in rusttojava.Doubler: java.lang.NoSuchMethodError: doubleInput\n",
                result.stderr());
    }

    @Test
    void javaTextOutsideAsciiAndTheBmpComesBackAsItIsWhateverTheLocale() throws Exception {
        // A Doubler whose exception message and thread name are not ASCII (é) nor in the BMP (U+1D400).
        String text = "\u00e9\uD835\uDC00";
        Path classes = Programs.compileJava(elsewhere.resolve("classes"), "package rusttojava; public final class Doubler {"
                + " public static int doubleInput(int v) { if (v > 100) throw new ArithmeticException(\"" + text + "\"); return 2 * v; }"
                + " public static String currentThreadName() { return Thread.currentThread().getName() + \"" + text + "\"; } }");
        Result result = Programs.embed(elsewhere, Map.of("LC_ALL", "C"), "-J-Djava.class.path=" + classes);
        assertEquals("", result.stderr());
        assertTrue(result.stdout().contains("  doubleInput(2000000000) threw java.lang.ArithmeticException: " + text + ";"), result.stdout());
        assertTrue(result.stdout().contains("getName() = \"rust-worker" + text + "\";"), result.stdout());
    }
}
