package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ctojava.Programs.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;

/** bench/rows names what exists, and its C loop runs: `make bench` cannot drift from the code. */
class BenchRowsTest {
    @TempDir
    Path elsewhere;

    record Row(String what, String baseline, String how) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("bench/rows"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] columns = line.split("\\|");
            assertEquals(3, columns.length, "what | baseline | how: " + line);
            rows.add(new Row(columns[0].strip(), columns[1].strip(), columns[2].strip()));
        }
        return rows;
    }

    @Test
    void everyRowHasAUniqueNameAndABaselineThatIsARow() throws IOException {
        Set<String> names = new HashSet<>();
        for (Row row : rows()) assertTrue(names.add(row.what()), "two rows named " + row.what());
        for (Row row : rows()) assertTrue(names.contains(row.baseline()), row.what() + ": no row " + row.baseline());
    }

    @Test
    void everyJmhRowNamesABenchmarkMethod() throws Exception {
        for (Row row : rows()) {
            if (!row.how().startsWith("jmh ")) continue;
            String[] pattern = row.how().substring(4).split("\\.");
            assertEquals(2, pattern.length, row.how());
            Class<?> benchmark = Class.forName("ctojava." + pattern[0], false, getClass().getClassLoader()); // not initialized
            assertTrue(benchmark.getMethod(pattern[1]).isAnnotationPresent(Benchmark.class), row.how());
        }
    }

    @Test
    void everyLoopRowPrintsOnePositiveSampleALine() throws Exception {
        for (Row row : rows()) {
            if (!row.how().startsWith("loop ")) continue;
            String[] command = row.how().split(" ");
            assertEquals("target/bench/jni_loop", command[2], row.how());
            Result result = Programs.c(elsewhere, Programs.CHECK_JNI, Path.of(command[2]).toAbsolutePath(), command[3], "3", "1000");
            assertEquals(Programs.PICKED_UP_CHECK_JNI, result.stderr()); // the one line that says -Xcheck:jni was on
            assertEquals(0, result.exitCode());
            List<String> samples = result.stdout().lines().toList();
            assertEquals(3, samples.size(), result.stdout());
            for (String sample : samples) assertTrue(Double.parseDouble(sample) > 0, sample);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "java", "jni 0", "jni 3 many", "c 1 2147483648", "c 1 2 3"})
    void theLoopRejectsBadArgumentsInOneLine(String arguments) throws Exception {
        Result result = Programs.c(elsewhere, Path.of("target/bench/jni_loop").toAbsolutePath(), arguments.isEmpty() ? new String[0] : arguments.split(" "));
        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("error: usage: jni_loop c|jni [SAMPLES [CALLS]], SAMPLES and CALLS from 1 to 2147483647\n", result.stderr());
    }
}
