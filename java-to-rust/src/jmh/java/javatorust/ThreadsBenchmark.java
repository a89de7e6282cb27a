package javatorust;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Rust object shared by every thread (Scope.Benchmark): a Tally, locked by Rust's Mutex, and
 * a Counter, locked by the lesson's Java lock. bench/rows runs each with -t 1 and -t 2; JMH gives
 * the time of one call per thread, so 2.0x against one thread is the two taking turns, as any lock
 * around all of the work makes them (more, when the lock moves between cores on every call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ThreadsBenchmark {
    private final Arena arena = Arena.ofShared();
    private Tally tally;
    private Counter counter;

    @Setup
    public void setUp() {
        tally = new Tally(arena);
        counter = new Counter(arena);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int tallyAddBehindRustsMutex() {
        return tally.add("be");
    }

    @Benchmark
    public long counterAddBehindAJavaLock() {
        return counter.add();
    }
}
