package nodetojava;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Moving {@code size} bytes between Java and GraalJS (the interpreter, as the lessons run), one
 * transfer per op, through the lesson's own {@link JsData}: the buffers are made and filled in the
 * set-up, each op copies into the receiving side's buffer and returns a count (JMH consumes it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class JsDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;
    private JsData data;

    @Setup
    public void setUp() {
        data = new JsData();
        data.prepare(size);
        data.fillJava();
        data.fillJs();
    }

    @TearDown
    public void tearDown() {
        data.close();
    }

    @Benchmark
    public int toJsThroughArrayBuffer() {
        return data.toJsThroughArrayBuffer();
    }

    @Benchmark
    public int toJavaThroughArrayBuffer() {
        return data.toJavaThroughArrayBuffer();
    }

    @Benchmark
    public int toJavaByReadBuffer() {
        return data.toJavaByReadBuffer();
    }

    @Benchmark
    public int toJsFromJavaArray() {
        return data.toJsFromJavaArray();
    }

    @Benchmark
    public int toJsByElements() {
        return data.toJsByElements();
    }

    @Benchmark
    public int toJavaByElements() {
        return data.toJavaByElements();
    }
}
