package javatoc;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the lock costs: ipv4_to_text through the lesson's LockedIpv4Text, run by bench/rows with
 * -t 1 and -t 2. JMH gives the time of one call per thread, so against the one-thread row 1.0x
 * would be perfect scaling and 2.0x the threads taking turns, which a lock around all of the work
 * must be (or worse: a lock handed between cores costs more than one that stays on one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ThreadsBenchmark {
    private int address = Ipv4Text.address(10, 0, 0, 1);

    @Benchmark
    public String lockedIpv4Text() {
        return LockedIpv4Text.text(address++);
    }

    @Benchmark
    public String unlockedIpv4Text() { // wrong answers at times from 2 threads: the price of the lock, not a way to use it
        return Ipv4Text.text(address++);
    }
}
