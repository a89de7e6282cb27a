package rusttojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** moving_data, the Rust program that moves bytes to and from Java through JNI, as a process under -Xcheck:jni. */
class MovingDataTest {
    static final Path MOVING_DATA = Programs.RELEASE.resolve("moving_data");

    static Programs.Result movingData(Path workDir, Map<String, String> environment, String... args) throws Exception {
        assertTrue(Files.isExecutable(MOVING_DATA), MOVING_DATA + " is missing: build it with `make` first");
        List<String> command = new java.util.ArrayList<>(List.of(MOVING_DATA.toString(), "-J-Xcheck:jni"));
        command.addAll(List.of(args));
        return Programs.run(workDir, environment, command);
    }

    @Test
    void everyWayMovesKnownBytesAndTheChecksumsAgree(@TempDir Path empty) throws Exception {
        Programs.Result result = movingData(empty, Map.of(), "check");
        assertEquals("", result.stderr());
        String sizes = ": 0, 1, 31, 65537, 3145729 bytes: the checksums agree\n";
        assertEquals("direct-to-java" + sizes + "region-to-java" + sizes + "direct-from-java" + sizes + "region-from-java" + sizes,
                result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void theTimingLoopPrintsOnlySizeAndNanosecondsLines(@TempDir Path empty) throws Exception {
        Programs.Result result = movingData(empty, Map.of("BENCH_QUICK", "1", "BENCH_SIZES", "16 65537"), "direct-to-java");
        assertEquals("", result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertEquals(6, lines.size(), result.stdout()); // 3 samples a size when quick
        for (int i = 0; i < 6; i++) {
            assertTrue(lines.get(i).matches((i < 3 ? "16" : "65537") + " \\d+\\.\\d{3}"), lines.get(i));
        }
        assertEquals(0, result.exitCode());
    }

    @Test
    void badInputIsOneLineAndNothingIsMeasured(@TempDir Path empty) throws Exception {
        Programs.Result noSizes = movingData(empty, Map.of(), "region-to-java");
        assertEquals("error: BENCH_SIZES is not set: the sizes in bytes, e.g. BENCH_SIZES='16 1024'\n", noSizes.stderr());
        Programs.Result badSize = movingData(empty, Map.of("BENCH_SIZES", "16 lots"), "region-to-java");
        assertEquals("", badSize.stdout());
        assertEquals("error: BENCH_SIZES: \"lots\" is not a number of bytes\n", badSize.stderr());
        Programs.Result tooLarge = movingData(empty, Map.of("BENCH_SIZES", "3000000000"), "region-to-java");
        assertEquals("error: 3000000000 bytes: a Java array holds at most 2^31 - 1\n", tooLarge.stderr());
        Programs.Result unknown = movingData(empty, Map.of(), "teleport");
        assertTrue(unknown.stderr().startsWith("error: unknown command \"teleport\": usage: moving_data"), unknown.stderr());
        for (Programs.Result result : List.of(noSizes, badSize, tooLarge, unknown)) {
            assertEquals(1, result.exitCode());
            assertEquals(1, result.stderr().lines().count());
        }
    }
}
