package pythontojava;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the limits cost: the same guest call, and the same 100 lines of output, through a context
 * built by the same builder without the limits, and through the {@link PythonSandbox} with them
 * (its watchdog thread, heap watch and output counter). The output limit is set out of reach.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SandboxCostBenchmark {
    private static final Source IMPORT = Source.create("python", "import java\nCalculator = java.type('pythontojava.Calculator')");
    private static final Source CALL = Source.create("python", "Calculator.multiply(4, 2)");
    private static final Source PRINT = Source.create("python", "for i in range(100):\n    print('line', i)");

    private Context unlimited;
    private PythonSandbox sandbox;

    @Setup
    public void start() {
        unlimited = PythonSandbox.secureBuilder().out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build();
        unlimited.eval(IMPORT);
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Long.MAX_VALUE / 2, 512 * SandboxLimits.MB);
        sandbox = new PythonSandbox(limits, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        sandbox.eval(IMPORT);
    }

    @TearDown
    public void stop() {
        unlimited.close();
        sandbox.close();
    }

    @Benchmark
    public int callWithoutLimits() {
        return unlimited.eval(CALL).asInt();
    }

    @Benchmark
    public int callWithLimits() {
        return sandbox.eval(CALL).asInt();
    }

    @Benchmark
    public Object printWithoutLimits() {
        return unlimited.eval(PRINT);
    }

    @Benchmark
    public Object printWithLimits() {
        return sandbox.eval(PRINT);
    }
}
