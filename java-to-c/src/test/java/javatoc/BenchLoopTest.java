package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench/c_call_cost, the C baseline of bench/rows: one sample a line, as a `loop` row must print. */
class BenchLoopTest {

    record Result(int exitCode, List<String> stdout, List<String> stderr) {}

    static Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("target/bench/c_call_cost").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Programs.Result result = Programs.run(Path.of("").toAbsolutePath(), Map.of(), command);
        return new Result(result.exitCode(), result.stdout().lines().toList(), result.stderr().lines().toList());
    }

    @Test
    void printsOnePositiveSamplePerRound() throws Exception {
        Result result = run("1000", "3");
        assertEquals(0, result.exitCode(), String.join("\n", result.stderr()));
        assertEquals(3, result.stdout().size(), "one line per round: " + result.stdout());
        for (String sample : result.stdout()) {
            assertTrue(Double.parseDouble(sample) > 0, sample);
        }
    }

    @Test
    void badArgumentsAreOneUsageLine() throws Exception {
        for (String[] args : new String[][] {{"0"}, {"1000", "-1"}, {"lots"}, {"1", "2", "3"}}) {
            Result result = run(args);
            assertEquals(2, result.exitCode(), List.of(args).toString());
            assertEquals(List.of(), result.stdout());
            assertEquals(List.of("usage: c_call_cost [CALLS [ROUNDS]] (both greater than 0)"), result.stderr());
        }
    }
}
