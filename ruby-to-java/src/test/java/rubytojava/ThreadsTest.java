package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.expectedSection;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import rubytojava.Programs.Result;

/** Threads inside the JVM (THREADS.md): the Java counter both lessons read, and JRuby's threads. */
class ThreadsTest {
    @Test
    void twoJavaThreadsMeetInsideAtOnceAndLeaveAtOnce() throws Exception {
        Overlap overlap = new Overlap();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) pool.submit(() -> { overlap.meet(2, 600_000); return null; });
        }
        assertEquals(2, overlap.most());
        // They left when they met, not at the bound (10 minutes): a generous margin, no timing claim.
        assertTrue(System.nanoTime() - start < 300_000_000_000L, "they waited for the bound");
    }

    @Test
    void aThreadAloneWaitsUntilTheBoundAndCountsOne() throws Exception {
        Overlap overlap = new Overlap();
        long start = System.nanoTime();
        overlap.meet(2, 50);
        assertTrue(System.nanoTime() - start >= 50_000_000L, "it returned before its bound");
        assertEquals(1, overlap.most());
        overlap.stay(1);
        assertEquals(1, overlap.most());
    }

    @Test
    void jrubyThreadsMeetInsideAJavaCallAndAreDaemonJavaThreads() throws Exception {
        Result result = Programs.jruby(Path.of("").toAbsolutePath(), Map.of(), "src/main/ruby/jruby/threads.rb");
        assertEquals(new Result(0, expectedSection("Threads (JRuby)"), ""), result);
    }
}
