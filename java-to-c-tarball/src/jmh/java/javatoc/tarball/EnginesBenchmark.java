package javatoc.tarball;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javatoc.tarball.TarReader.Engine;
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
 * The price of the sandbox (WASM.md): the same tar reader through each engine (TarReader.open),
 * on example.tar (9 KiB) and on an archive of about 100 MB made here (100 files of 1 MiB): open
 * and list it, read every file of it, and what a fresh Wasm instance costs (one per archive).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class EnginesBenchmark {
    static final int FILES = 100;
    static final int FILE_SIZE = 1 << 20;

    @Param({"ffm", "wasm", "wasm-interpreter"})
    public String engine;

    private Engine chosen;
    private Path large;
    private TarReader opened; // the large archive, for readEveryFileOfTheLargeArchive
    private final MemorySegment into = MemorySegment.ofArray(new byte[FILE_SIZE]);

    @Setup
    public void setUp() throws Exception {
        chosen = Engine.named(engine);
        large = Files.createTempFile("engines", ".tar");
        byte[][] parts = new byte[2 * FILES][];
        for (int i = 0; i < FILES; i++) {
            parts[2 * i] = Archives.header("file-" + i, '0', FILE_SIZE);
            parts[2 * i + 1] = Archives.pattern(FILE_SIZE);
        }
        Archives.write(large, parts);
        opened = TarReader.open(large, chosen);
    }

    @TearDown
    public void tearDown() throws Exception {
        opened.close();
        Files.delete(large);
    }

    private static long openAndList(Path archive, Engine engine) throws TarballException {
        try (TarReader reader = TarReader.open(archive, engine)) {
            return reader.stream().filter(TarEntry::isFile).mapToLong(TarEntry::size).sum();
        }
    }

    @Benchmark
    public long openAndListTheSmallArchive() throws TarballException {
        return openAndList(Path.of("example.tar"), chosen);
    }

    @Benchmark
    public long openAndListTheLargeArchive() throws TarballException {
        return openAndList(large, chosen);
    }

    @Benchmark
    public long readEveryFileOfTheLargeArchive() {
        long total = 0;
        for (TarEntry entry : opened.entries()) {
            total += opened.read(entry.index(), 0, into);
        }
        return total;
    }

    /** A fresh instance of the module, its C runtime initialized: what every WasmTarball.open pays first. */
    @Benchmark
    public Object newWasmInstance() {
        return WasmModule.instantiate(chosen, WasmModule.MAX_PAGES);
    }
}
