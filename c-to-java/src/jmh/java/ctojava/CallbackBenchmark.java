package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one call from C into Java costs through a function pointer: each benchmark calls bench/call_loop.c's
 * {@code call_n}, a C loop that calls the pointer {@link #CALLS} times, so JMH reports the time of one call
 * from C. Behind the pointer: C's own function (the baseline), the lesson's FFM upcall stub (plain and
 * guarded), and the lesson's JNA callback. libcallloop.so is found on -Djava.library.path and
 * -Djna.library.path (target/bench).
 */
@SuppressWarnings("restricted") // a downcall and a library: JMH forks with --enable-native-access
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CallbackBenchmark.CALLS) // JMH divides each call_n by its CALLS calls
public class CallbackBenchmark {
    static final int CALLS = 1000;

    static {
        System.loadLibrary("callloop");
    }

    // int32_t call_n(int32_t (*function)(int32_t), int32_t calls)
    static final MethodHandle CALL_N = Linker.nativeLinker().downcallHandle(
            SymbolLookup.loaderLookup().findOrThrow("call_n"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    /** call_n for JNA, which turns the Callback object into its C function pointer. */
    public interface CallLoop extends Library {
        int call_n(JnaCallbacks.Callbacks.IntFunction function, int calls);
    }

    static final CallLoop JNA_CALL_LOOP = Native.load("callloop", CallLoop.class);

    Arena arena;
    MemorySegment cDoubleInput;
    MemorySegment upcall;
    MemorySegment guardedUpcall;

    @Setup
    public void makePointers() {
        arena = Arena.ofConfined();
        cDoubleInput = SymbolLookup.loaderLookup().findOrThrow("c_double_input");
        upcall = FfmCallbacks.intFunctionPointer(FfmCallbacks.DOUBLE_INPUT, arena);
        GuardedIntFunction guarded = new GuardedIntFunction(Doubler::doubleInput);
        guardedUpcall = FfmCallbacks.intFunctionPointer(GuardedIntFunction.HANDLE.bindTo(guarded), arena);
    }

    @TearDown
    public void freePointers() {
        arena.close();
    }

    @Benchmark
    public int cToC() throws Throwable {
        return (int) CALL_N.invokeExact(cDoubleInput, CALLS);
    }

    @Benchmark
    public int ffmUpcall() throws Throwable {
        return (int) CALL_N.invokeExact(upcall, CALLS);
    }

    @Benchmark
    public int guardedFfmUpcall() throws Throwable {
        return (int) CALL_N.invokeExact(guardedUpcall, CALLS);
    }

    @Benchmark
    public int jnaCallback() {
        return JNA_CALL_LOOP.call_n(JnaCallbacks.DOUBLE_INPUT, CALLS);
    }
}
