package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Moving data (bench/rows' data rows): one archive member of {@code size} bytes, in an archive of
 * that member alone built once per size ({@link Archives#oneMember}), moved across the boundary by
 * each way the lesson's classes offer. One op moves the member's {@code size} bytes once.
 *
 * <p>Out of C, into Java: the read-only view ({@link Tarball#file}), which the receiver copies into
 * its own byte[] once (a view alone moves nothing); {@link Tarball#read} into a byte[] (64 KiB
 * critical calls) and into native memory (one ordinary call); JNA's copy, a new byte[] per call.
 *
 * <p>Into C: the archive, as {@link Tarball#open} takes it: C reads a file itself, or copies bytes
 * from memory (from a byte[]: copied into native memory first). Each op also checks the one header
 * and closes the tarball, which is most of the cost of a small archive (closing its shared arena is
 * a handshake with every thread). The archive is {@code size} bytes plus 1536 of tar's own (a header
 * and the end blocks), counted as {@code size}. Native bytes skip one copy: {@link MovingDataTest}
 * checks that path, which is not measured here.
 *
 * <p>{@link MovingDataTest} runs these same methods, after this same setUp, and checks what arrived.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MovingDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    Path file;
    byte[] archiveBytes; // the same archive, as bytes on the Java heap
    private final Arena arena = Arena.ofConfined();
    private Tarball tarball;
    private JnaTarball jnaTarball;
    byte[] array; // the receiver's own buffers, allocated once per size
    MemorySegment arraySegment;
    MemorySegment nativeBuffer;

    @Setup
    public void setUp() throws Exception {
        file = Archives.oneMember(Files.createTempFile("moving-data", ".tar"), size);
        archiveBytes = Files.readAllBytes(file);
        tarball = Tarball.open(file);
        jnaTarball = JnaTarball.open(file);
        array = new byte[size];
        arraySegment = MemorySegment.ofArray(array);
        nativeBuffer = arena.allocate(size);
    }

    @TearDown
    public void tearDown() throws Exception {
        jnaTarball.close();
        tarball.close();
        arena.close();
        Files.delete(file);
    }

    /** C -> Java: the zero-copy view of C's buffer, then the receiver copies it into its byte[] once. */
    @Benchmark
    public byte[] viewCopiedIntoArray() {
        MemorySegment view = tarball.file(0).orElseThrow();
        MemorySegment.copy(view, JAVA_BYTE, 0, array, 0, size);
        return array;
    }

    /** C -> Java: Tarball.read into the receiver's byte[] (C's memcpy, 64 KiB a critical call). */
    @Benchmark
    public byte[] readIntoArray() {
        if (tarball.read(0, 0, arraySegment) != size) {
            throw new IllegalStateException("short read");
        }
        return array;
    }

    /** C -> Java: Tarball.read into the receiver's native memory (C's memcpy, one ordinary call). */
    @Benchmark
    public MemorySegment readIntoNative() {
        if (tarball.read(0, 0, nativeBuffer) != size) {
            throw new IllegalStateException("short read");
        }
        return nativeBuffer;
    }

    /** C -> Java: JNA's JnaTarball.file, which allocates a new byte[] each call (that is its API). */
    @Benchmark
    public byte[] jnaNewArray() {
        return jnaTarball.file(0).orElseThrow();
    }

    /** Java -> C: C opens and reads the archive file itself (read(2) from the page cache), checks it, closes. */
    @Benchmark
    public long openFile() throws TarballException {
        try (Tarball opened = Tarball.open(file)) {
            return opened.entries().size();
        }
    }

    /** Java -> C: the archive from a byte[]: copied into native memory, then by C into its buffer; checked, closed. */
    @Benchmark
    public long openArray() throws TarballException {
        try (Tarball opened = Tarball.open(MemorySegment.ofArray(archiveBytes))) {
            return opened.entries().size();
        }
    }
}
