package rusttojava;

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
 * One op: Java calls Rust's bytes_lend, which calls Java back (an FFM upcall) with its buffer of
 * {@code size} bytes; the upcall copies them into Java's byte[], or Java's byte[] into them.
 * The lesson's own LentBytes (LentBytesTest checks what arrives). Buffers are made once per size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MovingDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    private Arena arena;
    private MemorySegment rust;
    private LentBytes java;

    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofConfined();
        rust = LentBytes.rustBuffer(size, arena);
        RustCalls.bytesPattern(rust, size, (byte) 7);
        java = new LentBytes(new byte[size], arena);
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    @Benchmark
    public byte[] rustToJavaUpcall() {
        return java.receiveFromRust(rust, size);
    }

    @Benchmark
    public MemorySegment javaToRustUpcall() {
        java.sendToRust(rust, size);
        return rust;
    }
}
