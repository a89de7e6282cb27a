package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Is the safe wrapper free? The same work, per entry of a 500-file archive, through
 * {@link Tarball#file(int)} (Optional, a read-only view whose lifetime FFM checks) and through
 * the raw FFM handles (a bare pointer, widened by hand, no lifetime at all).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(TarballBenchmark.FILES)
@State(Scope.Thread)
public class TarballBenchmark {
    static final int FILES = 500;

    private Path folder;
    private Tarball tarball;
    private JnaTarball jnaTarball;
    private MemorySegment rawHandle; // tarball_t*, which nothing protects
    private final Arena arena = Arena.ofConfined();
    // The same pointer in a shared and in a confined arena (no cleanup: rawHandle is closed once):
    // a downcall taking one must keep its arena open during the call, and that is what costs.
    private final Arena shared = Arena.ofShared();
    private MemorySegment sharedHandle;
    private MemorySegment confinedHandle;
    private MemorySegment rawSize;
    private int count;

    @Setup
    public void setUp() throws Throwable {
        // 500 files of 0 to 8 KiB (4 KiB on average), archived by the real tar.
        folder = Files.createTempDirectory("tarball-bench");
        List<String> command = new ArrayList<>(List.of("tar", "--create", "--file", "bench.tar", "--format=gnu"));
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[(i * 8192) / FILES];
            for (int k = 0; k < content.length; k++) {
                content[k] = (byte) (k * 31 + i);
            }
            Files.write(folder.resolve("file-" + i), content);
            command.add("file-" + i);
        }
        Process tar = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed");
        }
        Path archive = folder.resolve("bench.tar");
        tarball = Tarball.open(archive);
        jnaTarball = JnaTarball.open(archive);
        count = tarball.entries().size();
        rawHandle = (MemorySegment) TarballLibrary.OPEN.invokeExact(arena.allocateFrom(archive.toString()), arena.allocate(TarballLibrary.ERROR));
        rawSize = arena.allocate(TarballLibrary.SIZE_T);
        sharedHandle = rawHandle.reinterpret(shared, null);
        confinedHandle = rawHandle.reinterpret(arena, null);
    }

    @TearDown
    public void tearDown() throws Throwable {
        tarball.close();
        jnaTarball.close();
        TarballLibrary.CLOSE.invokeExact(rawHandle);
        shared.close();
        arena.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long sum(MemorySegment bytes) {
        long sum = 0;
        for (long i = 0; i < bytes.byteSize(); i++) {
            sum += bytes.get(JAVA_BYTE, i);
        }
        return sum;
    }

    private MemorySegment rawFile(int index) throws Throwable {
        MemorySegment data = (MemorySegment) TarballLibrary.FILE_DATA.invokeExact(rawHandle, (long) index, rawSize);
        return data.reinterpret(rawSize.get(TarballLibrary.SIZE_T, 0)); // no owner: valid until someone closes
    }

    @Benchmark
    public long tarBytesRaw() throws Throwable {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += sum(rawFile(i));
        }
        return total;
    }

    @Benchmark
    public long tarBytesSafe() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += sum(tarball.file(i).orElseThrow());
        }
        return total;
    }

    private final byte[] copy = new byte[8192]; // the largest file

    @Benchmark
    public long tarBytesReadCopy() {
        long total = 0;
        byte[] bytes = copy;
        MemorySegment into = MemorySegment.ofArray(bytes);
        for (int i = 0; i < count; i++) {
            int length = (int) tarball.read(i, 0, into); // at most bytes.length
            for (int k = 0; k < length; k++) { // an int loop, so that the JIT compiles it as a counted loop
                total += bytes[k];
            }
        }
        return total;
    }

    @Benchmark
    public long tarBytesJnaCopy() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            for (byte b : jnaTarball.file(i).orElseThrow()) {
                total += b;
            }
        }
        return total;
    }

    @Benchmark
    public long tarViewRaw() throws Throwable {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += rawFile(i).byteSize();
        }
        return total;
    }

    @Benchmark
    public long tarViewRawSharedHandle() throws Throwable {
        long total = 0;
        for (int i = 0; i < count; i++) {
            MemorySegment data = (MemorySegment) TarballLibrary.FILE_DATA.invokeExact(sharedHandle, (long) i, rawSize);
            total += data.reinterpret(rawSize.get(TarballLibrary.SIZE_T, 0)).byteSize();
        }
        return total;
    }

    @Benchmark
    public long tarViewRawConfinedHandle() throws Throwable {
        long total = 0;
        for (int i = 0; i < count; i++) {
            MemorySegment data = (MemorySegment) TarballLibrary.FILE_DATA.invokeExact(confinedHandle, (long) i, rawSize);
            total += data.reinterpret(rawSize.get(TarballLibrary.SIZE_T, 0)).byteSize();
        }
        return total;
    }

    @Benchmark
    public long tarViewSafe() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += tarball.file(i).orElseThrow().byteSize();
        }
        return total;
    }
}
