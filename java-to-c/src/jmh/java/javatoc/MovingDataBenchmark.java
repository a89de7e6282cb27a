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
 * allocated and filled once per size, in @Setup, each mechanism's in its own state (a JNI row
 * does not load JNA); the C buffers are zeroed there, so no page is first touched while timed.
 * What arrives in Java is returned; what arrives in C is in native memory, written through a
 * call or a copy the JIT cannot drop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MovingDataBenchmark {

    /** The payload: size bytes of a pattern to send, and an array to receive into. */
    @State(Scope.Thread)
    public abstract static class Payload {
        @Param({"16", "1024", "65536", "1048576", "16777216"})
        public int size;

        byte[] source;
        byte[] destination;

        @Setup
        public void fillArrays() {
            source = new byte[size];
            for (int i = 0; i < size; i++) {
                source[i] = (byte) (i * 31 + 7);
            }
            destination = new byte[size];
        }
    }

    @State(Scope.Thread)
    public static class Jni extends Payload {
        JniBuffers c;

        @Setup
        public void allocate() {
            c = new JniBuffers(size);
            c.fillInC(size);
        }

        @TearDown
        public void free() {
            c.close();
        }
    }

    @State(Scope.Thread)
    public static class Ffm extends Payload {
        FfmBuffers c;

        @Setup
        public void allocate() {
            c = new FfmBuffers(size);
            c.fillInC(size);
        }

        @TearDown
        public void free() {
            c.close();
        }
    }

    @State(Scope.Thread)
    public static class Jna extends Payload {
        JnaBuffers c;

        @Setup
        public void allocate() {
            c = new JnaBuffers(size);
            c.fillInC(size);
        }

        @TearDown
        public void free() {
            c.close();
        }
    }

    // Java -> C
    @Benchmark
    public void jniRegionToC(Jni p) {
        p.c.regionToC(p.source, p.size);
    }

    @Benchmark
    public void jniCriticalToC(Jni p) {
        p.c.criticalToC(p.source, p.size);
    }

    @Benchmark
    public void jniDirectToC(Jni p) {
        p.c.directToC(p.source, p.size);
    }

    @Benchmark
    public void ffmCopyToC(Ffm p) {
        p.c.copyToC(p.source, p.size);
    }

    @Benchmark
    public void ffmHeapToC(Ffm p) {
        p.c.heapToC(p.source, p.size);
    }

    @Benchmark
    public void ffmAllocateToC(Ffm p) {
        p.c.allocateToC(p.source, p.size);
    }

    @Benchmark
    public void jnaArrayToC(Jna p) {
        p.c.arrayToC(p.source, p.size);
    }

    @Benchmark
    public void jnaWriteToC(Jna p) {
        p.c.writeToC(p.source, p.size);
    }

    @Benchmark
    public void jnaDirectToC(Jna p) {
        p.c.directToC(p.source, p.size);
    }

    // C -> Java
    @Benchmark
    public byte[] jniRegionFromC(Jni p) {
        p.c.regionFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] jniCriticalFromC(Jni p) {
        p.c.criticalFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] jniDirectFromC(Jni p) {
        p.c.directFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] ffmCopyFromC(Ffm p) {
        p.c.copyFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] ffmToArrayFromC(Ffm p) {
        return p.c.toArrayFromC(p.size);
    }

    @Benchmark
    public byte[] ffmHeapFromC(Ffm p) {
        p.c.heapFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] jnaArrayFromC(Jna p) {
        p.c.arrayFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] jnaReadFromC(Jna p) {
        p.c.readFromC(p.destination, p.size);
        return p.destination;
    }

    @Benchmark
    public byte[] jnaDirectFromC(Jna p) {
        p.c.directFromC(p.destination, p.size);
        return p.destination;
    }
}
