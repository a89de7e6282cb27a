package javatoc;

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
 * The cost of one call of {@code double_input} through each mechanism, next to a Java method
 * that the JIT is told not to inline (the baseline: a real call, like every native one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallCostBenchmark {
    // static final handles are constants to the JIT, so it can compile the call down to its stub.
    private static final MethodHandle FFM;
    private static final MethodHandle FFM_CRITICAL;

    static {
        Path library = Path.of(System.getProperty("java.library.path").split(":")[0], System.mapLibraryName("example"));
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        FunctionDescriptor intToInt = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        Linker linker = Linker.nativeLinker();
        FFM = linker.downcallHandle(lookup.findOrThrow("double_input"), intToInt);
        FFM_CRITICAL = linker.downcallHandle(lookup.findOrThrow("double_input"), intToInt, Linker.Option.critical(false));
    }

    private final ExampleLibrary jni = JniExample.load();
    private final ExampleLibrary jnaDirect = JnaDirectExample.load();
    private final ExampleLibrary jnaInterface = JnaInterfaceExample.load();
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
    public int ffm() throws Throwable {
        return (int) FFM.invokeExact(input);
    }

    @Benchmark
    public int ffmCritical() throws Throwable {
        return (int) FFM_CRITICAL.invokeExact(input);
    }

    @Benchmark
    public int jni() {
        return jni.doubleInput(input);
    }

    @Benchmark
    public int jnaDirect() {
        return jnaDirect.doubleInput(input);
    }

    @Benchmark
    public int jnaInterface() {
        return jnaInterface.doubleInput(input);
    }
}
