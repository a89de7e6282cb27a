package pythontojava;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * And what a sandbox of its own costs one trivial script: a new context in this JVM, or a child JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SandboxCostBenchmark {
    private static final Source IMPORT = Source.create("python", "import java\nCalculator = java.type('pythontojava.Calculator')");
    private static final Source CALL = Source.create("python", "Calculator.multiply(4, 2)");
    private static final Source PRINT = Source.create("python", "for i in range(100):\n    print('line', i)");
    private static final String TRIVIAL_CODE = "6 * 7";
    private static final Source TRIVIAL = Source.create("python", TRIVIAL_CODE);
    private static final Path TRIVIAL_FILE = Path.of("target", "trivial.py");
    private static final ChildJvmSandbox CHILD = ChildJvmSandbox.inThisFolder(SandboxLimits.fromSystemProperties());

    /** A context from the sandbox's builder, without its limits (made only by the benchmarks that use it). */
    @State(Scope.Thread)
    public static class Unlimited {
        Context context;

        @Setup
        public void start() {
            context = PythonSandbox.secureBuilder().out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build();
            context.eval(IMPORT);
        }

        @TearDown
        public void stop() {
            context.close();
        }
    }

    /** The sandbox with its limits, the output limit out of reach. */
    @State(Scope.Thread)
    public static class Limited {
        PythonSandbox sandbox;

        @Setup
        public void start() {
            SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Long.MAX_VALUE / 2, 512 * SandboxLimits.MB);
            sandbox = new PythonSandbox(limits, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            sandbox.eval(IMPORT);
        }

        @TearDown
        public void stop() {
            sandbox.close();
        }
    }

    @State(Scope.Thread)
    public static class TrivialFile {
        @Setup
        public void write() throws IOException {
            Files.writeString(TRIVIAL_FILE, "print(" + TRIVIAL_CODE + ")\n");
        }
    }

    @Benchmark
    public int callWithoutLimits(Unlimited unlimited) {
        return unlimited.context.eval(CALL).asInt();
    }

    @Benchmark
    public int callWithLimits(Limited limited) {
        return limited.sandbox.eval(CALL).asInt();
    }

    @Benchmark
    public Object printWithoutLimits(Unlimited unlimited) {
        return unlimited.context.eval(PRINT);
    }

    @Benchmark
    public Object printWithLimits(Limited limited) {
        return limited.sandbox.eval(PRINT);
    }

    /** One trivial script in a sandbox of its own, in this JVM: a context made, used and closed. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int trivialScriptInANewSandbox() {
        try (PythonSandbox fresh = new PythonSandbox(SandboxLimits.fromSystemProperties(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            return fresh.eval(TRIVIAL).asInt();
        }
    }

    /** The same script in a child JVM (ChildJvmSandbox, run from this folder as `make bench` does). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String trivialScriptInAChildJvm(TrivialFile script) throws IOException, InterruptedException {
        ChildJvmSandbox.Verdict verdict = CHILD.run(TRIVIAL_FILE);
        if (verdict.exitCode() != 0) {
            throw new IllegalStateException("the child failed: " + verdict.hostLine());
        }
        return verdict.output();
    }
}
