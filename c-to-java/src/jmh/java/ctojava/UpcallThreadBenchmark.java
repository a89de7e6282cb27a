package ctojava;

import java.lang.foreign.Arena;
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
 * Upcalls from a thread C created, through the lesson's apply_on_new_thread (in libcallloop.so with
 * bench/call_loop.c): a thread started, one call, joined, with C or Java behind the pointer (the
 * difference is what attaching and detaching the thread costs); and many upcalls from one C thread,
 * per call (the start and the attach shared by all of them).
 */
@SuppressWarnings("restricted") // a library: JMH forks with --enable-native-access
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpcallThreadBenchmark {
    static final int CALLS = 1_000_000;

    static {
        System.loadLibrary("callloop");
    }

    static final MethodHandle APPLY_ON_NEW_THREAD = UpcallThreads.applyOnNewThread();

    Arena arena;
    MemorySegment cDoubleInput;
    MemorySegment upcall;

    @Setup
    public void makePointers() {
        arena = Arena.ofConfined();
        cDoubleInput = SymbolLookup.loaderLookup().findOrThrow("c_double_input");
        upcall = FfmCallbacks.intFunctionPointer(FfmCallbacks.DOUBLE_INPUT, arena);
    }

    @TearDown
    public void freePointers() {
        arena.close();
    }

    @Benchmark
    public int cThreadCallsC() throws Throwable {
        return UpcallThreads.onNewThread(APPLY_ON_NEW_THREAD, cDoubleInput, 21, 1);
    }

    @Benchmark
    public int cThreadCallsJava() throws Throwable {
        return UpcallThreads.onNewThread(APPLY_ON_NEW_THREAD, upcall, 21, 1);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int cThreadCallsJavaOften() throws Throwable {
        return UpcallThreads.onNewThread(APPLY_ON_NEW_THREAD, upcall, 21, CALLS);
    }
}
