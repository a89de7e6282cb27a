package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ctojava.Programs.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native threads attaching to the JVM, under -Xcheck:jni (Programs): run several times, since threads are where timing bugs hide. */
class ThreadsTest {
    @TempDir
    Path elsewhere;

    @RepeatedTest(3)
    void eachThreadAttachesCallsJavaAndDetachesWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.c(elsewhere, "threads");
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection("Native threads attach to the JVM, call Java, detach"), result.stdout());
    }

    @Test
    void anUnknownArgumentIsOneLineAndExitStatusTwo() throws Exception {
        Result result = Programs.c(elsewhere, "threads", "--threads=3");
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: unknown argument `--threads=3`; usage: threads [-J<jvm option>]...\n", result.stderr());
    }

    @Test
    void aMissingClassIsOneLineWithTheFix() throws Exception {
        Result result = Programs.c(elsewhere, "threads", "-J-Djava.class.path=" + elsewhere);
        assertEquals(1, result.exitCode());
        assertEquals("error: class ctojava/Doubler not found (build the classes with `make`, or give their folder with"
                + " -J-Djava.class.path=DIR): java.lang.NoClassDefFoundError: ctojava/Doubler\n", result.stderr());
    }

    @Test
    void aMissingMethodIsOneLineAndNoJniCallIsMadeWithItsExceptionPending() throws Exception {
        // A Doubler without doubleInput: the first lookup throws, and -Xcheck:jni (Programs) would
        // complain if the second lookup were made before that exception is checked.
        Path classes = Programs.compileJava(elsewhere.resolve("classes"),
                "package ctojava; public final class Doubler { public static String currentThreadName() { return \"\"; } }");
        Result result = Programs.c(elsewhere, "threads", "-J-Djava.class.path=" + classes);
        assertEquals(1, result.exitCode());
        assertEquals("Native threads attach to the JVM, call Java, detach\n", result.stdout());
        assertEquals("error: no method `static int doubleInput(int)` in ctojava/Doubler: java.lang.NoSuchMethodError: doubleInput\n",
                result.stderr());
    }
}
