package nodetojava;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * built by the same builder without the limits, and through the {@link Sandbox} with them (its
 * watchdog thread, heap watch and output counter). The output limit is set out of reach. Then what
 * one trivial script costs with real walls: a new in-process sandbox for it, against a child JVM
 * ({@link ChildJvmSandbox}, the playground with the folder's AOT cache).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SandboxCostBenchmark {
    private static final Source CALL = Source.create("js", "calculator.multiply(4, 2)");
    private static final Source PRINT = Source.create("js", "for (let i = 0; i < 100; i++) console.log('line ' + i)");

    private Context unlimited;
    private Sandbox sandbox;
    private SandboxLimits limits;
    private Path trivialScript;
    private ChildJvmSandbox child;

    @Setup
    public void start() {
        Path modules = Path.of("src/main/js");
        unlimited = Sandbox.secureBuilder(modules).out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build();
        unlimited.getBindings("js").putMember("calculator", new Calculator());
        limits = new SandboxLimits(Duration.ofSeconds(60), Long.MAX_VALUE / 2, 512 * SandboxLimits.MB);
        sandbox = new Sandbox(modules, limits, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        try {
            trivialScript = Files.writeString(Files.createTempFile("trivial", ".js"), "calculator.multiply(4, 2);\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        child = new ChildJvmSandbox(Path.of("").toAbsolutePath(), limits.withTime(Duration.ofSeconds(10)).withOutput(1024 * 1024));
    }

    @TearDown
    public void stop() throws IOException {
        unlimited.close();
        sandbox.close();
        Files.delete(trivialScript);
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

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int trivialScriptInANewSandbox() {
        try (Sandbox fresh = new Sandbox(Path.of("src/main/js"), limits, OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            return fresh.eval(CALL).asInt();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ChildJvmSandbox.Verdict trivialScriptInAChildJvm() throws IOException, InterruptedException {
        ChildJvmSandbox.Verdict verdict = child.run(trivialScript);
        if (verdict.exitCode() != 0) {
            throw new IllegalStateException("the child JVM failed: " + verdict);
        }
        return verdict;
    }
}
