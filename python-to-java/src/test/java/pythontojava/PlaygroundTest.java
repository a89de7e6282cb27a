package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pythontojava.Programs.command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pythontojava.Programs.Result;

/**
 * The playground as a process, as `make run SCRIPT=...` runs it (the Makefile's command line):
 * each hostile script ends with its exit code and one host line on stderr, within its limit and a
 * few seconds, whatever it runs, and leaves no hs_err file (Programs.run checks).
 */
class PlaygroundTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile");
    /**
     * What a stop may take beyond the limit: GraalPy's start-up before the script (seconds; far
     * longer on a busy machine), the wall's grace, the JVM's exit. Generous on purpose: each of these
     * scripts, not stopped, would run for hours (or until the machine's memory is gone).
     */
    static final Duration START_UP_AND_GRACE = Duration.ofSeconds(90);
    /** The output limit the tests give, and the longest traceback the runner adds to stdout. */
    static final int OUTPUT_KB = 64;

    record Run(Result result, Duration took) {}

    /** The runner with the Makefile's flags, the limits given (and any other option), on a script of HOSTILE. */
    static Run playground(String script, int seconds, String... options) throws Exception {
        List<String> command = command(Programs.GRAALPY, "-Dplayground.seconds=" + seconds,
                "-Dplayground.output-kb=" + OUTPUT_KB, "-Dplayground.heap-mb=256");
        command.addAll(List.of(options));
        command.addAll(List.of("pythontojava.GraalPyRunner", HOSTILE.resolve(script).toString()));
        long start = System.nanoTime();
        Result result = Programs.run(command);
        return new Run(result, Duration.ofNanos(System.nanoTime() - start));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            loop-forever.py          | 1   | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed; -Dplayground.seconds=N sets the limit
            sum-inside-a-built-in.py | 1   | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?); it did not stop when asked, so the playground ended itself; -Dplayground.seconds=N sets the limit
            multiply-huge-numbers.py | 1   | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?);
            build-a-huge-string.py   | 1   | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?);
            spin-at-exit.py          | 1   | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed; -Dplayground.seconds=N sets the limit
            print-forever.py         | 600 | 4 | stopped: the script printed more than 64 KB and was stopped (a print loop that never ends?); its context is closed; -Dplayground.output-kb=N sets the limit
            print-up-to-the-limit.py | 600 | 4 | stopped: the script printed more than 64 KB and was stopped (a print loop that never ends?); its context is closed; -Dplayground.output-kb=N sets the limit
            make-a-giant-list.py     | 600 | 1 | error: src/test/resources/hostile/make-a-giant-list.py failed: MemoryError
            call-the-host-with-a-huge-argument.py | 600 | 1 | error: src/test/resources/hostile/call-the-host-with-a-huge-argument.py failed: squares(2147483647): n must be from 0 to 1000000
            read-file.py             | 600 | 1 | denied: src/test/resources/hostile/read-file.py: PermissionError: [Errno 1] Operation not permitted: '/etc/passwd'
            raise-a-signal.py        | 600 | 1 | denied: src/test/resources/hostile/raise-a-signal.py: PermissionError: signals belong to the host: the sandbox denies the signal module
            forge-a-verdict.py       | 600 | 1 | error: src/test/resources/hostile/forge-a-verdict.py failed: ValueError: no\\nstopped: the script ran longer than 10 s and was stopped
            """)
    void aHostileScriptEndsWithItsExitCodeAndOneHostLine(String script, int seconds, int exitCode, String line) throws Exception {
        Run run = playground(script, seconds);
        assertVerdict(run, exitCode, line);
        assertTrue(run.took().compareTo(Duration.ofSeconds(seconds).plus(START_UP_AND_GRACE)) < 0, "not stopped in time: " + run.took());
    }

    /** The exit code, and exactly one line on stderr, which starts with the text given (the whole line, where it cannot vary). */
    static void assertVerdict(Run run, int exitCode, String line) {
        Result result = run.result();
        assertEquals(exitCode, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().lines().count(), "one host line: " + result.stderr());
        assertTrue(result.stderr().startsWith(line) && result.stderr().endsWith("\n"), result.stderr());
        assertTrue(result.stdout().length() <= OUTPUT_KB * 1024 + 1 + GraalPyRunner.MAX_TRACEBACK_CHARS + 40,
                "bounded output: " + result.stdout().length());
    }

    @Test
    void aScriptsOwnStderrGoesToStdoutWhereItCannotPassForTheHost() throws Exception {
        Result result = playground("forge-a-verdict.py", 600).result();
        assertTrue(result.stdout().startsWith("stopped: the script ran longer than 10 s and was stopped\n"), result.stdout());
    }

    @Test
    void outputThatEndsAtTheLimitIsEndedWithALineBreakBeforeTheHostsLine() throws Exception {
        assertEquals("x".repeat(OUTPUT_KB * 1024) + "\n", playground("print-up-to-the-limit.py", 600).result().stdout());
    }

    @Test
    void anErrorWithAHugeMessageIsQuotedInOneShortLine() throws Exception {
        Run run = playground("raise-a-huge-error.py", 600);
        // The message quoted: its first MAX_QUOTED_CHARS characters, then "...".
        String quoted = ("ValueError: " + "x".repeat(GraalPyRunner.MAX_QUOTED_CHARS)).substring(0, GraalPyRunner.MAX_QUOTED_CHARS) + "...";
        assertVerdict(run, 1, "error: " + HOSTILE.resolve("raise-a-huge-error.py") + " failed: " + quoted + "\n");
    }

    @Test
    void theHeapLimitStopsAScriptWithItsOwnExitCode() throws Exception {
        // Under the Makefile's -Xmx1g the serial GC's old generation is 2/3 of the heap, and the
        // guard holds at most 3/4 of that (SANDBOX.md): more than the 256 MB asked for.
        long held = Math.min(256, 1024 * 2 / 3 * 3 / 4);
        assertVerdict(playground("allocate-forever.py", 600), 5, "stopped: the script filled the heap past " + held
                + " MB and was stopped (an allocation that never ends?); its context is closed; -Dplayground.heap-mb=N sets the limit\n");
    }

    @Test
    void oneAllocationLargerThanTheHeapIsPythonsMemoryError() throws Exception {
        assertVerdict(playground("allocate-at-once.py", 600, "-Xmx256m"), 1,
                "error: " + HOSTILE.resolve("allocate-at-once.py") + " failed: MemoryError\n");
    }

    @Test
    void aScriptCannotIgnoreSigtermSoTheHostCanStillBeStopped() throws Exception {
        List<String> command = new ArrayList<>(Programs.GRAALPY);
        command.addAll(List.of("pythontojava.GraalPyRunner", HOSTILE.resolve("ignore-signals.py").toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("refused: signals belong to the host: the sandbox denies the signal module", out.readLine());
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not end it"); // a hang guard
            assertEquals(128 + 15, process.exitValue(), "ended by SIGTERM");
        } finally {
            process.destroyForcibly();
        }
        try (var files = Files.list(Programs.HERE)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
    }
}
