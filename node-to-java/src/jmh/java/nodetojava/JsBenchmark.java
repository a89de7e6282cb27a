package nodetojava;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A JS -> Java call, and a small compute loop (fib(25)), each next to the same thing in plain
 * Java. The JS runs in the sandbox's context (without the time limit's watchdog, which would be
 * measured too). `make bench` runs this twice: with the Graal compiler, and in the interpreter.
 * Each call's result is the next call's argument, and the last one is returned (JMH consumes
 * it): no call can be dropped, hoisted or folded into the loop. Compiled GraalJS inlines the Java
 * method, so its baseline is the same loop in Java with the call inlined.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JsBenchmark {
    static final int CALLS = 1000;
    static final int FIB = 25;
    /**
     * Seconds of warm-up in the set-up, before JMH's own (-Dbench.warmupSeconds=N, for the
     * compiled rows): the Graal compiler is Java code that has to warm up itself, so the JS it
     * compiles needs about ten seconds on two cores before it runs at full speed. With BENCH_QUICK
     * set (a quick run, wide error bars) at most 2 s: the compiled rows then show a compiler still warming up.
     */
    static final long WARMUP_SECONDS = Math.min(Long.getLong("bench.warmupSeconds", 0),
            System.getenv().getOrDefault("BENCH_QUICK", "").isEmpty() ? Long.MAX_VALUE : 2);
    private final Calculator calculator = new Calculator();
    /** The first argument: a field, not a constant, so that the compilers cannot fold the loop. */
    private int seed = 17;
    private Context context;
    private Value jsCallsJava;
    private Value jsFib;

    @Setup
    public void setUp() {
        context = Sandbox.secureBuilder(Path.of("src/main/js")).build();
        context.getBindings("js").putMember("calculator", calculator);
        jsCallsJava = context.eval("js", "(n, seed) => { let x = seed; for (let i = 0; i < n; i++) { x = (calculator.multiply(x, 31) + i) | 0; } return x; }");
        jsFib = context.eval("js", "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }; fib");
        for (long end = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L; System.nanoTime() < end; ) {
            jsToJavaCall();
            jsFib();
        }
    }

    @TearDown
    public void tearDown() {
        context.close();
    }

    /** The baseline: a Java call the JIT may not inline (a real call, like the one from JS). */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int multiplyNotInlined(int a, int b) {
        return calculator.multiply(a, b);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int javaToJavaCall() {
        int x = seed;
        for (int i = 0; i < CALLS; i++) {
            x = multiplyNotInlined(x, 31) + i;
        }
        return x;
    }

    /** The same loop with the call inlined: what compiled GraalJS does with the Java method. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int javaToJavaCallInlined() {
        int x = seed;
        for (int i = 0; i < CALLS; i++) {
            x = calculator.multiply(x, 31) + i;
        }
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int jsToJavaCall() {
        return jsCallsJava.execute(CALLS, seed).asInt();
    }

    private static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int javaFib() {
        return fib(FIB);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int jsFib() {
        return jsFib.execute(FIB).asInt();
    }
}
