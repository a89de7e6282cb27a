package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ctojava.Programs.Result;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFM upcalls from threads C created: in this JVM, and the lesson program as a process. */
@SuppressWarnings("restricted") // this JVM runs with --enable-native-access (pom.xml's argLine)
class UpcallThreadsTest {
    @TempDir
    Path elsewhere;

    @BeforeAll
    static void loadTheLibrary() {
        System.loadLibrary("callbacks"); // from target/native: this JVM has the Makefile's flags (pom.xml's argLine)
    }

    @Test
    void printsTheLessonWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.java(elsewhere, Programs.nativeFlags(Programs.NATIVE), "ctojava.UpcallThreads");
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection("FFM upcalls from a thread C created: the JVM attaches it by itself"), result.stdout());
    }

    @Test
    void aCThreadIsAttachedAsADaemonAtItsFirstUpcallKeptForTheNextAndDetachedAsItEnds() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = FfmCallbacks.intFunctionPointer(UpcallThreads.DOUBLE_INPUT_NOTING, arena);
            UpcallThreads.RAN_ON.clear();
            assertEquals(-14, UpcallThreads.onNewThread(UpcallThreads.applyOnNewThread(), function, -7, 5));
            List<Thread> ranOn = List.copyOf(UpcallThreads.RAN_ON);
            assertEquals(5, ranOn.size());
            for (Thread thread : ranOn) assertSame(ranOn.getFirst(), thread);
            Thread attached = ranOn.getFirst();
            assertNotSame(Thread.currentThread(), attached);
            assertTrue(attached.isDaemon(), "a daemon: it does not hold up the JVM's exit");
            assertFalse(attached.isAlive(), "detached once the C thread ended (C joined it before returning)");
            assertFalse(Thread.getAllStackTraces().containsKey(attached));
        }
    }

    @Test
    void anUpcallOnAThreadJavaAlreadyKnowsRunsOnThatThread() throws Throwable {
        MethodHandle apply = Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup().findOrThrow("apply"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            UpcallThreads.RAN_ON.clear();
            assertEquals(42, (int) apply.invokeExact(FfmCallbacks.intFunctionPointer(UpcallThreads.DOUBLE_INPUT_NOTING, arena), 21));
            assertEquals(List.of(Thread.currentThread()), UpcallThreads.RAN_ON);
        }
    }

    @Test
    void anUnknownArgumentIsOneLineAndExitStatusTwo() throws Exception {
        Result result = Programs.java(elsewhere, Programs.nativeFlags(Programs.NATIVE), "ctojava.UpcallThreads", "--fast");
        assertEquals(2, result.exitCode());
        assertEquals("error: unknown arguments [--fast]; usage: java ... ctojava.UpcallThreads\n", result.stderr());
    }

    @Test
    void aMissingLibraryIsOneClearLine() throws Exception {
        Result result = Programs.java(elsewhere, Programs.nativeFlags(elsewhere), "ctojava.UpcallThreads");
        assertEquals(1, result.exitCode());
        assertEquals("error: libcallbacks.so could not be loaded from -Djava.library.path=" + elsewhere
                + ": build it with `make` in c-to-java/ (it goes to target/native/)\n", result.stderr());
    }
}
