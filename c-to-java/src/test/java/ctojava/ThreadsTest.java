package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ctojava.Programs.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native threads attaching to the JVM: run several times, since threads are where timing bugs hide. */
class ThreadsTest {
    @TempDir
    Path elsewhere;

    @RepeatedTest(3)
    void eachThreadAttachesCallsJavaAndDetachesWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.c(elsewhere, "threads", "-J-Xcheck:jni");
        Programs.assertNoCheckJniComplaint(result);
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
}
