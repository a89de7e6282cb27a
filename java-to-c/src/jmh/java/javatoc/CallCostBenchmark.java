package javatoc;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one call of {@code double_input} through each of the lesson's classes, exactly as
 * a learner calls it (bench/rows names the rows), and of a Java method that the JIT is told not
 * to inline (a real call, like every native one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallCostBenchmark {
    private final FfmExample ffm = FfmExample.load();
    private final JniExample jni = JniExample.load();
    private final JnaDirectExample jnaDirect = JnaDirectExample.load();
    private final JnaInterfaceExample jnaInterface = JnaInterfaceExample.load();
    private int input = 21;
    private final Point a = new Point(1, 2);
    private final Point b = new Point(3, 4);

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int doubleInJava(int value) {
        return value * 2;
    }

    @Benchmark
    public int javaNotInlined() {
        return doubleInJava(input);
    }

    @Benchmark
    public int ffmCritical() {
        return ffm.doubleInput(input);
    }

    @Benchmark
    public int ffmNotCritical() {
        return ffm.doubleInputNotCritical(input);
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

    @Benchmark
    public Point pointAddJniCached() {
        return jni.pointAdd(a, b);
    }

    @Benchmark
    public Point pointAddJniLookingUpEachCall() {
        return jni.pointAddLookingUpEachCall(a, b);
    }
}
