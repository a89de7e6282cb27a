package pythontojava;

import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallCostBenchmark {
    static final int CALLS = 1000;

    private PythonInterpreter jython;
    private PyObject jythonLoop;
    private Context graalPy;
    private Value graalPyLoop;

    @Setup(Level.Trial)
    public void start() {
        jython = new PythonInterpreter();
        jython.exec("""
                from pythontojava import Calculator
                def loop(n):
                    total = 0
                    for i in xrange(n):
                        total += Calculator.multiply(i, 2)
                    return total
                """);
        jythonLoop = jython.get("loop");
        graalPy = PythonSandbox.newContext();
        graalPyLoop = graalPy.eval("python", """
                import java
                Calculator = java.type("pythontojava.Calculator")
                def loop(n):
                    total = 0
                    for i in range(n):
                        total += Calculator.multiply(i, 2)
                    return total
                loop
                """);
    }

    @TearDown(Level.Trial)
    public void stop() {
        jython.close();
        graalPy.close();
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
    public int jython() {
        return jythonLoop.__call__(Py.newInteger(CALLS)).asInt();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int graalPy() {
        return graalPyLoop.execute(CALLS).asInt();
    }
}
