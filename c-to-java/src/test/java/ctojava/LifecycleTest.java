package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ctojava.Programs.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lifecycle.c, one process a part as `make run` starts it (stderr merged, the exit status after it),
 * under -Xcheck:jni (Programs). What each part prints is an order of events that holds on every run:
 * each step causes the next, or the JVM makes one wait for the other (DestroyJavaVM waits for the
 * non-daemon thread, and never returns in `leak`: the program's own watchdog ends it).
 */
class LifecycleTest {
    @TempDir
    Path elsewhere;

    @ParameterizedTest
    @CsvSource({
        "leak,    Threads that end without DetachCurrentThread (lifecycle leak)",
        "destroy, DestroyJavaVM with a non-daemon and a daemon thread attached (lifecycle destroy)",
        "exit,    Java calls System.exit(3) (lifecycle exit)",
        "return,  main returns without DestroyJavaVM: no Java shutdown hook runs (lifecycle return)",
        "twice,   One JVM per process: create_jvm again (lifecycle twice; stderr too)",
    })
    void eachPartPrintsItsEventsInTheirOneOrder(String part, String title) throws Exception {
        // Not `return` under -Xcheck:jni: its JVM is never shut down, so it still runs while exit() tears the
        // process down, and -Xcheck:jni's periodic check of its signal handlers was seen here to report them
        // "modified" at that moment (a half-printed report on stdout, some runs out of five).
        String checkJni = part.equals("return") ? "" : "-J-Xcheck:jni";
        Result result = Programs.c(elsewhere, Path.of("/bin/sh"), "-c",
                "{ \"$0\" " + checkJni + " \"$1\"; echo \"  exit status $?\"; } 2>&1 | sed 's/^error/  error/'", Programs.BIN.resolve("lifecycle").toString(), part);
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(Programs.expectedSection(title), result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "leak destroy", "--leak", "twice!"})
    void anUnknownPartIsOneLineAndExitStatusTwo(String arguments) throws Exception {
        Result result = Programs.c(elsewhere, "lifecycle", arguments.isEmpty() ? new String[0] : arguments.split(" "));
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: usage: lifecycle [-J<jvm option>]... leak|destroy|exit|return|twice\n", result.stderr());
    }

    @Test
    void aMissingClassIsOneLineWithTheFix() throws Exception {
        Result result = Programs.c(elsewhere, "lifecycle", "-J-Djava.class.path=" + elsewhere, "leak");
        assertEquals(1, result.exitCode());
        assertEquals("error: class ctojava/Lifecycle not found (build the classes with `make`, or give their folder with"
                + " -J-Djava.class.path=DIR): java.lang.NoClassDefFoundError: ctojava/Lifecycle\n", result.stderr());
    }
}
