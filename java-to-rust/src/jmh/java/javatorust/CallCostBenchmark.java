package javatorust;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One call of {@code double_input}: into Rust (the lesson's own RustLib handle), into the same
 * function in C (bench/double_input.c, by gcc), and into a Java method the JIT may not inline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallCostBenchmark {
    /** Made exactly as RustLib makes its handles: a static final downcall, no options. */
    @SuppressWarnings("restricted")
    private static final MethodHandle C_DOUBLE_INPUT = Linker.nativeLinker().downcallHandle(
            SymbolLookup.libraryLookup(Path.of(System.getProperty("bench.c.library")), Arena.global())
                    .findOrThrow("double_input"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private int input = 21;

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int doubleInJava(int value) {
        return value * 2;
    }

    @Benchmark
    public int javaNotInlined() {
        return doubleInJava(input);
    }

    @Benchmark
    public int ffmIntoRust() {
        return RustLib.double_input(input);
    }

    @Benchmark
    public int ffmIntoC() throws Throwable {
        return (int) C_DOUBLE_INPUT.invokeExact(input);
    }
}
