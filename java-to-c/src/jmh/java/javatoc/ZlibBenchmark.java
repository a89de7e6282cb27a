package javatoc;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The CRC-32 of 1 MiB (OSLIB.md#cost): the system's zlib through the lesson's Zlib.crc32 (FFM,
 * in 64 KiB critical pieces), against the JDK's own java.util.zip.CRC32, which HotSpot compiles
 * to an intrinsic (carry-less multiply instructions) instead of calling zlib.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ZlibBenchmark {
    private final byte[] data = new byte[1 << 20];

    public ZlibBenchmark() {
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public long zlibCrc32() {
        return Zlib.crc32(data);
    }

    @Benchmark
    public long jdkCrc32() {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
