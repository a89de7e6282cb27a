package pythontojava;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/**
 * The cost of one call of Calculator.multiply from Python: a Python loop makes CALLS calls, and
 * JMH divides by CALLS. The baseline is the same loop in Java, calling a Java method that the JIT
 * is told not to inline (a real call). The Python figures include the Python loop's own cost.
 * GraalPy runs in the lesson's sandbox ({@link PythonSandbox}); the JVM that runs JMH has the
 * Graal compiler (the Makefile's $JMH), so its loop is compiled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallCostBenchmark {
    static final int CALLS = 1000;

    /** A quick run (BENCH_QUICK set, as `make bench` passes it on): shorter warm-ups, wider error bars. */
    static final boolean QUICK = !System.getenv().getOrDefault("BENCH_QUICK", "").isEmpty();

    /**
     * Each runtime's loop runs before JMH's own warm-up: at least WARM_UP, then on until STEADY
     * seconds in a row bring no second 5% faster than the best so far (at most LONGEST).
     * GraalPy compiles the loop only after some seconds (far longer on a busy machine), and Jython
     * keeps getting faster for as long. A quick run stops far sooner: its figure may be too slow.
     */
    static final Duration WARM_UP = Duration.ofSeconds(QUICK ? 2 : 20);
    static final Duration LONGEST = QUICK ? Duration.ofSeconds(8) : Duration.ofMinutes(2);
    static final int STEADY = QUICK ? 2 : 5;

    static void warmUp(IntSupplier loop) {
        long start = System.nanoTime();
        double best = Double.MAX_VALUE;
        int secondsWithoutProgress = 0;
        while (System.nanoTime() - start < LONGEST.toNanos()) {
            long second = System.nanoTime();
            long loops = 0;
            while (System.nanoTime() - second < Duration.ofSeconds(1).toNanos()) {
                loop.getAsInt();
                loops++;
            }
            double perLoop = (System.nanoTime() - second) / (double) loops;
            if (perLoop < 0.95 * best) {
                best = perLoop;
                secondsWithoutProgress = 0;
            } else if (++secondsWithoutProgress >= STEADY && System.nanoTime() - start > WARM_UP.toNanos()) {
                return;
            }
        }
    }

    @State(Scope.Thread)
    public static class Jython {
        PythonInterpreter python;
        PyObject loop;

        @Setup(Level.Trial)
        public void start() {
            python = new PythonInterpreter();
            python.exec("""
                    from pythontojava import Calculator
                    def loop(n):
                        total = 0
                        for i in xrange(n):
                            total += Calculator.multiply(i, 2)
                        return total
                    """);
            loop = python.get("loop");
            warmUp(this::call);
        }

        int call() {
            return loop.__call__(Py.newInteger(CALLS)).asInt();
        }

        @TearDown(Level.Trial)
        public void stop() {
            python.close();
        }
    }

    @State(Scope.Thread)
    public static class GraalPy {
        Context context;
        Value loop;

        @Setup(Level.Trial)
        public void start() {
            context = PythonSandbox.newContext();
            loop = context.eval("python", """
                    import java
                    Calculator = java.type("pythontojava.Calculator")
                    def loop(n):
                        total = 0
                        for i in range(n):
                            total += Calculator.multiply(i, 2)
                        return total
                    loop
                    """);
            warmUp(this::call);
        }

        int call() {
            return loop.execute(CALLS).asInt();
        }

        @TearDown(Level.Trial)
        public void stop() {
            context.close();
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int multiplyInJava(int a, int b) {
        return a * b;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int javaToJava() {
        int total = 0;
        for (int i = 0; i < CALLS; i++) {
            total += multiplyInJava(i, 2);
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int jython(Jython jython) {
        return jython.call();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int graalPy(GraalPy graalPy) {
        return graalPy.call();
    }

    /** GraalPy as `make run` runs it: without the Graal compiler (Truffle interprets), C1, serial GC. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    @Fork(jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            "-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
    public int graalPyInterpreted(GraalPy graalPy) {
        return graalPy.call();
    }
}
