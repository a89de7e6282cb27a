package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ctojava.Programs.Result;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C calling Java through function pointers: the FFM and JNA programs, as processes. */
class CallbacksTest {
    @TempDir
    Path elsewhere;

    private static List<String> flags(String... extra) {
        List<String> flags = new ArrayList<>(Programs.nativeFlags(Programs.NATIVE));
        flags.addAll(List.of(extra));
        return flags;
    }

    @Test
    void ffmPrintsTheLessonWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.java(elsewhere, flags(), "ctojava.FfmCallbacks");
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection("FFM upcalls: C calls Java through a function pointer"), result.stdout());
    }

    @Test
    void jnaPrintsTheLessonAndCheckJniComplainsOnlyAboutJnasOwnNativeCode() throws Exception {
        // Programs drops -Xcheck:jni's complaints about JNA's own native code (and fails on any other).
        Result result = Programs.java(elsewhere, flags(), "ctojava.JnaCallbacks");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection("JNA callbacks: C calls Java through a function pointer"), result.stdout());
    }

    @Test
    void anExceptionEscapingAnFfmUpcallEndsTheJvm() throws Exception {
        Result result = Programs.java(elsewhere, flags(), "ctojava.FfmCallbacks", "--unguarded");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("java.lang.ArithmeticException: integer overflow"), result.stderr());
        assertTrue(result.stderr().contains("Unrecoverable uncaught exception encountered. The VM will now exit"), result.stderr());
        assertFalse(result.stdout().contains("not printed"), result.stdout());
        assertFalse(result.stdout().contains("guarded"), "nothing ran after the upcall: " + result.stdout());
    }

    @Test
    void anExceptionEscapingAJnaCallbackIsLostToJnasHandlerAndCGetsZero() throws Exception {
        Result result = Programs.java(elsewhere, flags(), "ctojava.JnaCallbacks", "--unguarded");
        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().contains("  apply(doubleInput, 2000000000) = 0  (the exception went to JNA's handler"),
                result.stdout());
        assertTrue(result.stderr().contains("JNA: Callback ctojava.JnaCallbacks"), result.stderr());
        assertTrue(result.stderr().contains("java.lang.ArithmeticException: integer overflow"), result.stderr());
    }

    @Test
    void theGuardCatchesRemembersAndRethrowsOnce() {
        GuardedIntFunction guarded = new GuardedIntFunction(value -> Math.multiplyExact(value, 2));
        assertEquals(8, guarded.apply(4));
        guarded.rethrowIfFailed(); // nothing failed: nothing thrown
        assertEquals(0, guarded.apply(Integer.MAX_VALUE));
        assertEquals(0, guarded.apply(4), "after a failure, the callback does no more work");
        ArithmeticException thrown = assertThrows(ArithmeticException.class,
                guarded::rethrowIfFailed);
        assertEquals("integer overflow", thrown.getMessage());
        guarded.rethrowIfFailed(); // thrown once only
        assertEquals(8, guarded.apply(4));
    }

    @Test
    void theGuardRethrowsAnErrorAsItIs() {
        GuardedIntFunction stackOverflow = new GuardedIntFunction(value -> { throw new StackOverflowError("deep"); });
        assertEquals(0, stackOverflow.apply(1));
        assertEquals("deep", assertThrows(StackOverflowError.class,
                stackOverflow::rethrowIfFailed).getMessage());
    }

    @Test
    @SuppressWarnings("restricted") // this JVM runs with --enable-native-access (pom.xml's argLine)
    void anErrorThrownInsideAGuardedFfmUpcallComesBackAsItselfAndTheJvmGoesOn() throws Throwable {
        System.loadLibrary("callbacks"); // this JVM has the Makefile's flags (pom.xml's argLine)
        MethodHandle apply = Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup().findOrThrow("apply"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            // A real StackOverflowError, thrown in Java called from C (unguarded, it would end this JVM).
            GuardedIntFunction deep = new GuardedIntFunction(CallbacksTest::recurse);
            assertEquals(0, (int) apply.invokeExact(FfmCallbacks.intFunctionPointer(GuardedIntFunction.HANDLE.bindTo(deep), arena), 1));
            assertThrows(StackOverflowError.class, deep::rethrowIfFailed);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FfmCallbacks", "JnaCallbacks"})
    void anUnknownArgumentIsOneLineAndExitStatusTwo(String program) throws Exception {
        Result result = Programs.java(elsewhere, flags(), "ctojava." + program, "--unguarded", "--verbose");
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: unknown arguments [--unguarded, --verbose]; usage: java ... ctojava." + program
                + " [--unguarded]\n", result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FfmCallbacks", "JnaCallbacks"})
    void aMissingLibraryIsOneClearLine(String program) throws Exception {
        Result result = Programs.java(elsewhere, Programs.nativeFlags(elsewhere), "ctojava." + program);
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        String[] lines = result.stderr().split("\n");
        assertEquals(1, lines.length, result.stderr());
        assertTrue(lines[0].startsWith("error: libcallbacks.so"), lines[0]);
        assertTrue(lines[0].contains("library.path=" + elsewhere), "names where it looked: " + lines[0]);
        assertTrue(lines[0].contains("build it with `make`"), "says how to fix it: " + lines[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FfmCallbacks", "JnaCallbacks"})
    void deniedNativeAccessIsOneClearLine(String program) throws Exception {
        Result result = Programs.java(elsewhere, List.of("--illegal-native-access=deny",
                "-Djava.library.path=" + Programs.NATIVE, "-Djna.library.path=" + Programs.NATIVE), "ctojava." + program);
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().matches("error: Illegal native access from an unnamed module \\(.*\\): "
                + "run java with --enable-native-access=ALL-UNNAMED\n"), result.stderr());
    }
}
