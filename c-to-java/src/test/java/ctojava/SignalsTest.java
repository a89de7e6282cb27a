package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ctojava.Programs.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM takes signals in the process that embeds it (src/test/c/signals.c asks the kernel whose handler is set); under -Xcheck:jni. */
class SignalsTest {
    private static final String BEFORE = "before JNI_CreateJavaVM: SIGSEGV default, SIGINT default, SIGQUIT default\n";

    @TempDir
    static Path elsewhere;
    static Path signals;

    @BeforeAll
    static void build() throws Exception {
        signals = Programs.compile(elsewhere.resolve("signals"), true, "src/test/c/signals.c");
    }

    @Test
    void theJvmInstallsItsHandlersAndACHandlerInstalledLaterReplacesItsSigsegvHandler() throws Exception {
        Result result = Programs.c(elsewhere, signals, "-Xcheck:jni");
        assertEquals("", result.stderr());
        assertEquals(BEFORE
                + "after JNI_CreateJavaVM: SIGSEGV jvm, SIGINT jvm, SIGQUIT jvm\n"
                + "after sigaction(SIGSEGV, ours): SIGSEGV ours, SIGINT jvm, SIGQUIT jvm\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void withXrsTheJvmLeavesSigintAndSigquitToC() throws Exception {
        Result result = Programs.c(elsewhere, signals, "-Xcheck:jni", "-Xrs");
        assertEquals(BEFORE
                + "after JNI_CreateJavaVM: SIGSEGV jvm, SIGINT default, SIGQUIT default\n"
                + "after sigaction(SIGSEGV, ours): SIGSEGV ours, SIGINT default, SIGQUIT default\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void withLibjsigPreloadedTheJvmKeepsItsSigsegvHandler() throws Exception {
        Path libjsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        Result result = Programs.c(elsewhere, Map.of("LD_PRELOAD", libjsig.toString()), signals, "-Xcheck:jni");
        assertEquals("", result.stderr());
        assertEquals(BEFORE
                + "after JNI_CreateJavaVM: SIGSEGV jvm, SIGINT jvm, SIGQUIT jvm\n"
                + "after sigaction(SIGSEGV, ours): SIGSEGV jvm, SIGINT jvm, SIGQUIT jvm\n", result.stdout());
        assertEquals(0, result.exitCode());
    }
}
