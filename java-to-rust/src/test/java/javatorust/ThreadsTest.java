package javatorust;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads (THREADS.md): what Rust's types promise to Java's threads, and what Java must add. */
class ThreadsTest {
    @Test
    void twoJavaThreadsAreInsideRustAtOnce() {
        try (Arena shared = Arena.ofShared()) {
            MemorySegment arrived = shared.allocate(JAVA_INT);
            assertEquals(2, Threads.fewestInTwoThreads(() -> RustLib.meet_in_rust(arrived, 2, 10_000)));
        }
    }

    @Test
    void meetInRustTellsALockApart() {
        // The same two callers made to take turns: the first waits in Rust alone, then gives up.
        ReentrantLock lock = new ReentrantLock();
        try (Arena shared = Arena.ofShared()) {
            MemorySegment arrived = shared.allocate(JAVA_INT);
            assertEquals(1, Threads.fewestInTwoThreads(() -> {
                lock.lock();
                try {
                    return RustLib.meet_in_rust(arrived, 2, 200);
                } finally {
                    lock.unlock();
                }
            }));
        }
    }

    @Test
    void aSyncRustTypeIsRightFromTwoJavaThreadsWithNoJavaLock() {
        try (Arena shared = Arena.ofShared()) {
            Tally tally = new Tally(shared);
            assertEquals(100_000, Threads.highestInTwoThreads(50_000, () -> tally.add("be")));
            assertEquals(100_000, tally.count("be"));
        }
    }

    @Test
    void aRustTypeThatIsNotSyncIsRightBehindTheJavaLock() {
        try (Arena shared = Arena.ofShared()) {
            Counter counter = new Counter(shared);
            assertEquals(200_000, Threads.highestInTwoThreads(100_000, counter::add));
            assertEquals(200_001, counter.add());
        }
    }

    @Test
    void withoutTheLockItMayLoseCounts() {
        // A data race in Rust (undefined behaviour; on x86-64, in practice, lost counts): how many
        // differs from run to run and may be none, so nothing is asserted but what must hold.
        try (Arena shared = Arena.ofShared()) {
            Counter counter = new Counter(shared);
            long counted = Threads.highestInTwoThreads(100_000, () -> RustLib.counter_add(counter.handle()));
            assertTrue(counted > 0 && counted <= 200_000, "counted " + counted);
            System.out.println("ThreadsTest: counter_add without the lock, 2 threads x 100000: highest count " + counted);
        }
    }

    @Test
    void insideRustTheCompilerRefusesToShareTheCounterBetweenThreads(@TempDir Path out) throws Exception {
        Path rustc = rustc();
        Process compile = new ProcessBuilder(rustc.toString(), "--edition", "2024", "--crate-type", "lib", "--emit", "metadata",
                "--out-dir", out.toString(), "src/test/rust/share_a_counter.rs").redirectErrorStream(true).start();
        String said = new String(compile.getInputStream().readAllBytes());
        assertTrue(compile.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, compile.exitValue(), said);
        assertTrue(said.contains("error[E0277]: `Cell<u64>` cannot be shared between threads safely"), said);
    }

    /** rustc, found as the Makefile finds cargo: on the PATH, else in rustup's ~/.cargo/bin. */
    private static Path rustc() {
        return Stream.concat(Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(Path::of),
                        Stream.of(Path.of(System.getProperty("user.home"), ".cargo", "bin")))
                .map(folder -> folder.resolve("rustc")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("rustc is neither on the PATH nor in ~/.cargo/bin, yet the library was built"));
    }
}
