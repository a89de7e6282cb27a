package javatorust;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One op moves {@code size} bytes between a Java array and a Rust buffer, each way RustBytes has
 * (the lesson's own methods; RustBytesTest checks what arrives). Buffers are made once per size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MovingDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    private Arena arena;
    private RustBytes rust;
    private MemorySegment nativeMemory;
    private byte[] java;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofConfined();
        rust = RustBytes.allocate(size, arena);
        nativeMemory = arena.allocate(size);
        java = new byte[size];
        for (int i = 0; i < size; i++) {
            java[i] = (byte) (i * 31 + 7);
        }
        rust.copyInFromHeap(java, size); // Rust -> Java moves these bytes
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    @Benchmark
    public RustBytes javaToRustThroughNative() {
        rust.copyInThroughNative(java, size, nativeMemory);
        return rust;
    }

    @Benchmark
    public RustBytes javaToRustFromHeapCritical() {
        rust.copyInFromHeap(java, size);
        return rust;
    }

    @Benchmark
    public RustBytes javaToRustWrittenByJava() {
        rust.writeFromJava(java, size);
        return rust;
    }

    @Benchmark
    public byte[] rustToJavaThroughNative() {
        rust.copyOutThroughNative(java, size, nativeMemory);
        return java;
    }

    @Benchmark
    public byte[] rustToJavaIntoHeapCritical() {
        rust.copyOutToHeap(java, size);
        return java;
    }

    @Benchmark
    public byte[] rustToJavaReadByJava() {
        rust.readFromJava(java, size);
        return java;
    }
}
