package rusttojava;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Rust's apply(function, input), called from Java, with a Rust function pointer (Rust calls
 * Rust) and with the lesson's upcall stub (Rust calls Java): the difference is the upcall. The same
 * through apply_on_new_thread: a thread spawned, one call, joined (with Java behind the pointer, the
 * JVM attaches the thread and detaches it: the difference is that), and many calls from one thread.
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

    static final int CALLS = 1_000_000;

    @Benchmark
    public int rustThreadCallsRust() {
        return RustCalls.applyOnNewThread(RustCalls.RUST_DOUBLE_INPUT, input, 1);
    }

    @Benchmark
    public int rustThreadCallsJava() {
        return RustCalls.applyOnNewThread(JAVA_DOUBLE_INPUT, input, 1);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int rustThreadCallsJavaOften() {
        return RustCalls.applyOnNewThread(JAVA_DOUBLE_INPUT, input, CALLS);
    }
}
