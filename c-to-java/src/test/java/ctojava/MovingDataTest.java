package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ctojava.Programs.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Moving data (src/main/c/moving_data.c, MovingData): every path delivers the bytes, checked by a
 * checksum of what arrived, in the C program make bench times (bench/data_loop.c), under -Xcheck:jni.
 */
class MovingDataTest {
    @TempDir
    Path elsewhere;

    static final Path DATA_LOOP = Path.of("target/bench/data_loop").toAbsolutePath();
    static final List<Integer> SIZES = List.of(0, 1, 1023, 65536, 3 * 1024 * 1024 + 1); // the sizes `data_loop check` moves

    /** The paths bench/rows measures: the last word of each `data loop` row. */
    static Set<String> measuredPaths() throws Exception {
        Set<String> paths = new LinkedHashSet<>();
        for (BenchRowsTest.Row row : BenchRowsTest.rows()) {
            if (!row.how().startsWith("data loop ")) continue;
            String[] command = row.how().split(" ");
            assertEquals("target/bench/data_loop", command[2], row.how());
            assertEquals(4, command.length, row.how());
            paths.add(command[3]);
        }
        return paths;
    }

    /** Computed here, not with the lesson's code: byte i is (i * 31 + 7) mod 256; FNV-1a, 64 bits. */
    static String expectedChecksum(int size) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < size; i++) hash = (hash ^ ((i * 31 + 7) & 0xff)) * 0x100000001b3L;
        return String.format("%016x", hash);
    }

    @Test
    void everyMeasuredPathDeliversThePatternBothWaysAtEverySize() throws Exception {
        Result result = Programs.c(elsewhere, Programs.CHECK_JNI, DATA_LOOP, "check");
        assertEquals(Programs.PICKED_UP_CHECK_JNI, result.stderr()); // no complaint but JNA's own (Programs)
        assertEquals(0, result.exitCode());
        Map<String, List<Integer>> sizesByPath = new HashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, line);
            int size = Integer.parseInt(fields[1]);
            assertEquals(expectedChecksum(size), fields[2], "what arrived through " + fields[0] + " at " + size + " bytes");
            sizesByPath.computeIfAbsent(fields[0], path -> new ArrayList<>()).add(size);
        }
        assertEquals(measuredPaths(), sizesByPath.keySet(), "the paths checked are the paths measured");
        for (var entry : sizesByPath.entrySet()) assertEquals(SIZES, entry.getValue(), entry.getKey());
        assertTrue(sizesByPath.keySet().stream().anyMatch(path -> path.startsWith("java-to-c-")));
    }

    @Test
    void theLoopPrintsASizeAndNanosecondsALineForEachSize() throws Exception {
        Result result = Programs.c(elsewhere, Map.of("BENCH_SIZES", "16 1025", "BENCH_QUICK", "1"), DATA_LOOP, "java-to-c-ffm");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        List<String> samples = result.stdout().lines().toList();
        assertEquals(6, samples.size(), result.stdout()); // 3 samples a size when BENCH_QUICK is set
        for (int i = 0; i < samples.size(); i++) {
            String[] fields = samples.get(i).split(" ");
            assertEquals(i < 3 ? "16" : "1025", fields[0], samples.get(i));
            assertTrue(Double.parseDouble(fields[1]) > 0, samples.get(i));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "c-to-java-ffm; ''; error: BENCH_SIZES is empty: give sizes in bytes, e.g. '16 1024 65536'",
        "c-to-java-ffm; 16 x; error: BENCH_SIZES: `x` is not a size in bytes from 0 to 1073741824 (at most 64 of them)",
        "c-to-java-ffm; -1; error: BENCH_SIZES: `-1` is not a size in bytes from 0 to 1073741824 (at most 64 of them)",
        "no-such-path; 16; error: usage: BENCH_SIZES='16 1024 ...' data_loop PATH, or data_loop check; PATH is one of",
    })
    void theLoopRejectsBadInputInOneLineBeforeStartingAJvm(String path, String sizes, String error) throws Exception {
        Result result = Programs.c(elsewhere, Map.of("BENCH_SIZES", sizes), DATA_LOOP, path);
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().startsWith(error) && result.stderr().lines().count() == 1, result.stderr());
    }
}
