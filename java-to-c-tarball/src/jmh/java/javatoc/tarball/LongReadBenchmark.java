package javatoc.tarball;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Long reads: one 16 MiB copy through an ordinary downcall and through a critical one (the same C
 * function; a critical call holds back every other thread's safepoint while it runs), and a sparse
 * file of a million one-byte chunks read end to end in 512-byte pieces, next to a plain file of
 * the same size read the same way (a sparse read used to scan the map from its start).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class LongReadBenchmark {
    static final int CHUNKS = 1_000_000;
    static final int BIG = 16 << 20;

    private Path file;
    private Tarball tarball;
    private final Arena arena = Arena.ofConfined();
    private MemorySegment big;
    private MemorySegment handle; // tarball_t* of the same archive, for the raw handles
    private final byte[] piece = new byte[512];

    @Setup
    public void setUp() throws Exception {
        // entry 0: a sparse file of 2,000,000 bytes (a million chunks); entry 1: a plain file of as
        // many bytes; entry 2: a plain file of 16 MiB.
        file = Files.createTempFile("long-read", ".tar");
        Archives.write(file, Archives.sparse1x0(CHUNKS), Archives.header("plain", '0', 2L * CHUNKS), Archives.padded(new byte[2 * CHUNKS]),
                Archives.header("big", '0', BIG), new byte[BIG]);
        tarball = Tarball.open(file);
        big = arena.allocate(BIG);
        try {
            handle = (MemorySegment) TarballLibrary.OPEN.invokeExact(arena.allocateFrom(file.toString()), arena.allocate(TarballLibrary.ERROR));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @TearDown
    public void tearDown() throws Throwable {
        TarballLibrary.CLOSE.invokeExact(handle);
        tarball.close();
        arena.close();
        Files.delete(file);
    }

    private long endToEnd(int index) {
        MemorySegment into = MemorySegment.ofArray(piece);
        long total = 0;
        for (long got; (got = tarball.read(index, total, into)) > 0; total += got) {
            // 512 bytes a call
        }
        return total;
    }

    @Benchmark
    public long sparseEndToEnd() {
        return endToEnd(0);
    }

    @Benchmark
    public long plainEndToEnd() {
        return endToEnd(1);
    }

    @Benchmark
    public long oneLongReadOrdinary() throws Throwable {
        return (long) TarballLibrary.FILE_READ.invokeExact(handle, 2L, 0L, big, (long) BIG);
    }

    @Benchmark
    public long oneLongReadCritical() throws Throwable {
        return (long) TarballLibrary.FILE_READ_INTO_ARRAY.invokeExact(handle, 2L, 0L, big, (long) BIG);
    }
}
