package javatoc;

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
 * One op moves size bytes between a Java byte[] and a buffer that C owns, through the lesson's
 * own methods (JniBuffers, FfmBuffers, JnaBuffers); bench/rows names the rows ("data" rows:
 * the tools pass -p size=... and set each against a C memcpy of the same size). Buffers are
 * allocated and filled once per size, in @Setup; the C buffers are zeroed there, so no page is
 * first touched while timed. What arrives in Java is returned; what arrives in C is in native
 * memory, written through a call or a copy the JIT cannot drop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MovingDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    private byte[] source;
    private byte[] destination;
    private JniBuffers jni;
    private FfmBuffers ffm;
    private JnaBuffers jna;

    @Setup
    public void setUp() {
        source = new byte[size];
        for (int i = 0; i < size; i++) {
            source[i] = (byte) (i * 31 + 7);
        }
        destination = new byte[size];
        jni = new JniBuffers(size);
        ffm = new FfmBuffers(size);
        jna = new JnaBuffers(size);
        jni.fillInC(size);
        ffm.fillInC(size);
        jna.fillInC(size);
    }

    @TearDown
    public void tearDown() {
        jni.close();
        ffm.close();
        jna.close();
    }

    // Java -> C
    @Benchmark
    public void jniRegionToC() {
        jni.regionToC(source, size);
    }

    @Benchmark
    public void jniCriticalToC() {
        jni.criticalToC(source, size);
    }

    @Benchmark
    public void jniDirectToC() {
        jni.directToC(source, size);
    }

    @Benchmark
    public void ffmCopyToC() {
        ffm.copyToC(source, size);
    }

    @Benchmark
    public void ffmHeapToC() {
        ffm.heapToC(source, size);
    }

    @Benchmark
    public void jnaArrayToC() {
        jna.arrayToC(source, size);
    }

    @Benchmark
    public void jnaWriteToC() {
        jna.writeToC(source, size);
    }

    @Benchmark
    public void jnaDirectToC() {
        jna.directToC(source, size);
    }

    // C -> Java
    @Benchmark
    public byte[] jniRegionFromC() {
        jni.regionFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] jniCriticalFromC() {
        jni.criticalFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] jniDirectFromC() {
        jni.directFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] ffmCopyFromC() {
        ffm.copyFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] ffmHeapFromC() {
        ffm.heapFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] jnaArrayFromC() {
        jna.arrayFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] jnaReadFromC() {
        jna.readFromC(destination, size);
        return destination;
    }

    @Benchmark
    public byte[] jnaDirectFromC() {
        jna.directFromC(destination, size);
        return destination;
    }
}
