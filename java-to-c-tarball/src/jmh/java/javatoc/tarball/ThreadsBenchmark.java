package javatoc.tarball;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Does reading one Tarball scale with threads? Every thread reads every entry of the SAME open
 * tarball (Scope.Benchmark: one for all threads), through the lesson's own ManyReaders.checksums.
 * bench/rows runs it with -t 1 and -t 2: the time of one op is per thread, so 1.0x between the rows
 * is perfect scaling and 2.0x is two threads taking turns. A third row gives each thread a Tarball
 * of its own, to tell the cost of sharing one (each C call counts itself in and out of the shared
 * arena, one counter for all threads) from the machine's own limits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ThreadsBenchmark {
    static final int FILES = 500;

    private Path folder;
    private Tarball tarball;

    @Setup
    public void setUp() throws Exception {
        // 500 files of 0 to 8 KiB (4 KiB on average), archived by the real tar, as in TarballBenchmark.
        folder = Files.createTempDirectory("tarball-threads");
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
        tarball = Tarball.open(folder.resolve("bench.tar"));
    }

    @TearDown
    public void tearDown() throws IOException {
        tarball.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    public long[] everyEntryOfOneSharedTarball() {
        return ManyReaders.checksums(tarball);
    }

    /** The same archive, opened once by each thread. */
    @State(Scope.Thread)
    public static class OwnTarball {
        Tarball tarball;

        @Setup
        public void open(ThreadsBenchmark shared) throws IOException {
            tarball = Tarball.open(shared.folder.resolve("bench.tar"));
        }

        @TearDown
        public void close() {
            tarball.close();
        }
    }

    @Benchmark
    public long[] everyEntryOfATarballPerThread(OwnTarball own) {
        return ManyReaders.checksums(own.tarball);
    }
}
