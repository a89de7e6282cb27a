package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads (THREADS.md): C runs in parallel, a static buffer is shared, and the lock that fixes it. */
class ThreadsTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String NATIVE = Path.of("target", "native").toAbsolutePath().toString();

    @Test
    void twoJavaThreadsAreInsideCAtOnceThroughFfmAndJna() throws Exception {
        try (Arena shared = Arena.ofShared()) {
            assertEquals(2, MeetInC.insideAtOnce(2, MeetInC.ffm(shared, 2, 10_000)));
        }
        assertEquals(2, MeetInC.insideAtOnce(2, MeetInC.jna(2, 10_000)));
    }

    @Test
    void meetInCTellsALockApart() throws Exception {
        // The same two callers, made to take turns by a lock: the first waits in C alone, then gives up.
        ReentrantLock lock = new ReentrantLock();
        try (Arena shared = Arena.ofShared()) {
            var meet = MeetInC.ffm(shared, 2, 200);
            assertEquals(1, MeetInC.insideAtOnce(2, () -> {
                lock.lock();
                try {
                    return meet.getAsInt();
                } finally {
                    lock.unlock();
                }
            }));
        }
    }

    @Test
    void ipv4ToTextIsRightInOneThreadCalledAndReadInTurn() {
        assertEquals("10.0.0.1", Ipv4Text.text(Ipv4Text.address(10, 0, 0, 1)));
        assertEquals("255.255.255.255", Ipv4Text.text(-1));
        assertEquals("0.0.0.0", Ipv4Text.text(0));
    }

    @Test
    void aPointerItReturnedShowsTheLastCallsAnswer() throws Exception {
        // In ONE thread: the first answer is overwritten by the second call, before it is read.
        MemorySegment first = Ipv4Text.pointer(Ipv4Text.address(10, 0, 0, 1));
        MemorySegment second = Ipv4Text.pointer(Ipv4Text.address(192, 168, 0, 1));
        assertEquals(first.address(), second.address(), "one static buffer");
        assertEquals("192.168.0.1", first.getString(0));
        // And across two threads, as make run shows it.
        assertEquals("172.16.9.9", Threads.secondCallBeforeTheFirstIsRead(Ipv4Text.address(10, 0, 0, 1), Ipv4Text.address(172, 16, 9, 9)));
    }

    @Test
    void theLockedVersionIsAlwaysRightFromTwoThreads() throws Exception {
        assertEquals(0, Threads.wrongAnswersFromTwoThreads(50_000, LockedIpv4Text::text));
    }

    @Test
    void theUnlockedVersionMayBeWrongFromTwoThreads() throws Exception {
        // A race: how many answers were another thread's differs from run to run, and may be 0, so
        // nothing is asserted about it; only that it ran and can be no more than all the calls.
        long wrong = Threads.wrongAnswersFromTwoThreads(50_000, Ipv4Text::text);
        assertTrue(wrong >= 0 && wrong <= 100_000);
        System.out.println("ThreadsTest: Ipv4Text.text without a lock, 2 threads x 50000 calls: " + wrong + " wrong answers");
    }

    @Test
    void makeRunPrintsTheLesson() throws Exception {
        Programs.Result result = Programs.run(Path.of("").toAbsolutePath(), Map.of(), List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + NATIVE, "-Djna.library.path=" + NATIVE, "-cp", "target/classes:target/lib/*", "javatoc.Threads"));
        String expected = Files.readString(Path.of("expected-output.txt"), StandardCharsets.UTF_8);
        String section = expected.substring(expected.indexOf("Threads: "));
        section = section.substring(0, section.indexOf("\nzlib, ") + 1); // the next program's part (OSLIB.md) follows
        assertEquals(new Programs.Result(0, section, ""), result);
    }

    @Test
    void aMissingLibraryIsOneClearLine(@TempDir Path empty) throws Exception {
        Programs.Result result = Programs.run(empty, Map.of(), List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + empty, "-Djna.library.path=" + empty,
                "-cp", Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/lib").toAbsolutePath() + "/*", "javatoc.Threads"));
        assertEquals(1, result.exitCode());
        assertEquals("Threads: several Java threads calling one C library\n", result.stdout());
        assertTrue(result.stderr().startsWith("error: libexample.so could not be loaded from -Djava.library.path="), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }
}
