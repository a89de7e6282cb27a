package rusttojava;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Rust's apply(function, input), called from Java, with a Rust function pointer (Rust calls
 * Rust) and with the lesson's upcall stub (Rust calls Java): the difference is the upcall.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class UpcallBenchmark {
    /** The lesson's upcall stub to Doubler.doubleInput, a constant like RustCalls.RUST_DOUBLE_INPUT. */
    static final MemorySegment JAVA_DOUBLE_INPUT = Upcalls.upcall(Upcalls.DOUBLE_INPUT, Arena.global());
    private int input = 21;

    @Benchmark
    public int rustCallsRust() {
        return RustCalls.apply(RustCalls.RUST_DOUBLE_INPUT, input);
    }

    @Benchmark
    public int rustCallsJava() {
        return RustCalls.apply(JAVA_DOUBLE_INPUT, input);
    }
}
