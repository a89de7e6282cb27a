package rusttojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rusttojava.Programs.Result;

/** FFM upcalls from threads Rust spawned: in this JVM, and the lesson program as a process. */
class UpcallThreadsTest {
    @TempDir
    Path elsewhere;

    @Test
    void printsTheLessonWithNoComplaintFromCheckJni() throws Exception {
        Result result = Programs.java(elsewhere, Programs.flags(Programs.RELEASE), "rusttojava.UpcallThreads");
        Programs.assertNoWarning(result);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection("FFM upcalls from a thread Rust spawned: the JVM attaches it by itself"), result.stdout());
    }

    @Test
    void aRustThreadIsAttachedAsADaemonAtItsFirstUpcallKeptForTheNextAndDetachedAsItEnds() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = Upcalls.upcall(UpcallThreads.DOUBLE_INPUT_NOTING, arena);
            UpcallThreads.RAN_ON.clear();
            assertEquals(-14, RustCalls.applyOnNewThread(function, -7, 5));
            List<Thread> ranOn = List.copyOf(UpcallThreads.RAN_ON);
            assertEquals(5, ranOn.size());
            for (Thread thread : ranOn) assertSame(ranOn.getFirst(), thread);
            Thread attached = ranOn.getFirst();
            assertNotSame(Thread.currentThread(), attached);
            assertTrue(attached.isDaemon(), "a daemon: it does not hold up the JVM's exit");
            assertFalse(attached.isAlive(), "detached once the Rust thread ended (Rust joined it before returning)");
        }
    }

    @Test
    void noCallNoThreadAndANullFunctionIsCheckedNotCalled() {
        try (Arena arena = Arena.ofConfined()) {
            UpcallThreads.RAN_ON.clear();
            assertEquals(0, RustCalls.applyOnNewThread(Upcalls.upcall(UpcallThreads.DOUBLE_INPUT_NOTING, arena), 21, 0));
            assertEquals(List.of(), UpcallThreads.RAN_ON);
            assertEquals(0, RustCalls.applyOnNewThread(MemorySegment.NULL, 21, 3));
        }
    }

    @Test
    void anUpcallOnAThreadJavaAlreadyKnowsRunsOnThatThread() {
        try (Arena arena = Arena.ofConfined()) {
            UpcallThreads.RAN_ON.clear();
            assertEquals(42, RustCalls.apply(Upcalls.upcall(UpcallThreads.DOUBLE_INPUT_NOTING, arena), 21));
            assertEquals(List.of(Thread.currentThread()), UpcallThreads.RAN_ON);
        }
    }

    @Test
    void anUnknownArgumentIsOneLineAndExitStatusTwo() throws Exception {
        Result result = Programs.java(elsewhere, Programs.flags(Programs.RELEASE), "rusttojava.UpcallThreads", "--fast");
        assertEquals(2, result.exitCode());
        assertEquals("error: unknown arguments [--fast]; usage: java ... rusttojava.UpcallThreads\n", result.stderr());
    }
}
