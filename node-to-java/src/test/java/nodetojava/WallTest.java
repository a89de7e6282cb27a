package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nodetojava.Programs.Result;
import nodetojava.SandboxLimits.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The limits as walls, for scripts that a cooperative stop cannot reach: the one-shot playground
 * ends itself (PlaygroundWall), and ChildJvmSandbox kills the child JVM. Every script runs as a
 * process, as `make run SCRIPT=...` runs it; none leaves a crash log (Programs.run checks).
 */
class WallTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile");
    /**
     * How long a stopped script's process may take in all, for the tests that it was stopped: the
     * 1 s limit, the wall's 2 s grace, and a generous allowance for the JVM's start-up on a loaded
     * machine. Without the walls these scripts run until the tests' hang guard kills them.
     */
    static final Duration STOPPED_WITHIN = Duration.ofSeconds(60);

    record Timed(Result result, Duration took) {}

    static Timed playground(String script, String... options) throws Exception {
        long start = System.nanoTime();
        Result result = Programs.playground(HOSTILE.resolve(script), options);
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            search-forever.js | searching\\n
            multiply-huge.js  | ''
            join-huge.js      | ''
            loop-forever.js   | ''
            """)
    void aScriptInsideOneBuiltInIsStoppedByTheTimeLimit(String script, String printed) throws Exception {
        Timed run = playground(script, "-Dplayground.seconds=1");
        assertEquals(3, run.result().exitCode(), run.result().stderr());
        assertEquals(printed.replace("\\n", "\n"), run.result().stdout());
        assertEquals(1, run.result().stderr().lines().count(), run.result().stderr());
        // The cooperative stop ("its context is closed") or, when it did not arrive, the wall.
        assertTrue(run.result().stderr().matches("stopped: the script ran longer than 1 s and was stopped \\(a loop that never ends\\?\\); "
                + "(its context is closed|it did not stop when asked, so the playground ended itself); -Dplayground.seconds=N sets the limit\n"),
                run.result().stderr());
        assertTrue(run.took().compareTo(STOPPED_WITHIN) < 0, run.took().toString());
    }

    @Test
    void theWallEndsABuiltInThatNeverReachesASafepoint() throws Exception {
        // indexOf over 2^52 elements loops inside Java: the cooperative stop never arrives.
        Result result = playground("search-forever.js", "-Dplayground.seconds=1").result();
        assertEquals(new Result(3, "searching\n", "stopped: the script ran longer than 1 s and was stopped (a loop that never ends?);"
                + " it did not stop when asked, so the playground ended itself; -Dplayground.seconds=N sets the limit\n"), result);
    }

    @Test
    void anExportedMethodCalledWithAHugeArgumentRefusesIt() throws Exception {
        Result result = playground("call-host-huge.js").result();
        String refusal = "repeat: 2147483647 times 2 characters; the result may have 0 to 1000000 characters";
        assertEquals(new Result(1, "caught: java.lang.IllegalArgumentException: " + refusal + "\n", "error: " + refusal + " (call-host-huge.js:7)\n"), result);
    }

    @Test
    void aHugeErrorMessageIsCutToOneShortLine() throws Exception {
        Result result = playground("throw-huge-message.js", "-Dplayground.seconds=60").result();
        assertEquals(new Result(1, "", "error: Error: " + "x".repeat(Playground.MAX_QUOTED_CHARS - "Error: ".length())
                + "... (throw-huge-message.js:2)\n"), result);
    }

    @Test
    void aScriptCannotForgeTheVerdict() throws Exception {
        // Its stderr goes to stdout with the rest of its output; a newline in its message is escaped.
        Result result = playground("forge-verdict.js").result();
        String forged = "stopped: the script ran longer than 1 s and was stopped (forged by the script)";
        assertEquals(new Result(1, forged + "\n", "error: Error: oops\\n" + forged + " (forge-verdict.js:3)\n"), result);
    }

    @Test
    void outputEndingExactlyAtTheLimitIsKeptWholeAndTheVerdictHasItsOwnLine() throws Exception {
        Result result = playground("print-to-the-limit.js", "-Dplayground.output-kb=1").result();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            lines.append("line %010d\n".formatted(i));
        }
        assertEquals(1024, lines.length());
        assertEquals(new Result(4, lines.toString(), "stopped: the script printed more than 1 KB and was stopped (a print loop that never ends?);"
                + " its context is closed; -Dplayground.output-kb=N sets the limit\n"), result);
    }

    @Test
    void theExitCodeSaysWhichLimit() throws Exception {
        assertEquals(3, playground("loop-forever.js", "-Dplayground.seconds=1").result().exitCode());
        assertEquals(4, playground("print-forever.js", "-Dplayground.output-kb=64").result().exitCode());
        assertEquals(5, playground("allocate-forever.js", "-Xmx256m", "-Dplayground.heap-mb=64", "-Dplayground.seconds=600").result().exitCode());
    }

    // --- ChildJvmSandbox: real walls for an application that keeps running ---

    static final SandboxLimits CHILD_LIMITS = new SandboxLimits(Duration.ofSeconds(1), 64 * 1024, 64 * SandboxLimits.MB);
    /** The same with time enough for the output and heap limits to come first. */
    static final SandboxLimits CHILD_LIMITS_60_S = CHILD_LIMITS.withTime(Duration.ofSeconds(60));

    @Test
    void aChildJvmRunsAScriptAndReturnsItsOutput(@TempDir Path temp) throws Exception {
        Path script = Files.writeString(temp.resolve("ok.js"), "console.log(calculator.multiply(6, 7)); console.error('to stdout too');\n");
        assertEquals(new ChildJvmSandbox.Verdict(0, null, "42\nto stdout too\n", ""),
                new ChildJvmSandbox(Programs.HERE, CHILD_LIMITS).run(script));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            search-forever.js   | TIME   | stopped: the script ran longer than 1 s
            print-forever.js    | OUTPUT | stopped: the script printed more than 64 KB
            allocate-forever.js | MEMORY | stopped: the script filled the heap past 64 MB
            """)
    void aChildJvmStopsAHostileScript(String script, Limit limit, String line) throws Exception {
        SandboxLimits limits = limit == Limit.TIME ? CHILD_LIMITS : CHILD_LIMITS_60_S;
        ChildJvmSandbox.Verdict verdict = new ChildJvmSandbox(Programs.HERE, limits).run(HOSTILE.resolve(script).toAbsolutePath());
        assertEquals(limit, verdict.limit(), verdict.toString());
        assertEquals(limit.exitCode, verdict.exitCode());
        assertTrue(verdict.hostLine().startsWith(line), verdict.hostLine());
        assertTrue(verdict.output().length() <= 64 * 1024 + 1, "bounded output: " + verdict.output().length());
        Programs.assertNoCrashLog(Programs.HERE);
    }

    @Test
    void theParentKillsAChildThatIgnoresTheLimits() throws Exception {
        // Stand-ins for a child whose own guards failed: one prints without end, one never ends.
        Path none = Path.of("none");
        ChildJvmSandbox printer = new ChildJvmSandbox(CHILD_LIMITS, List.of("sh", "-c", "exec yes", "sh"), Duration.ZERO, none);
        ChildJvmSandbox.Verdict printed = printer.run(none);
        assertEquals(Limit.OUTPUT, printed.limit());
        assertEquals("y\n".repeat(32 * 1024) + "y", printed.output()); // the limit, and the one byte that showed it passed
        assertEquals("stopped: the script printed more than 64 KB and was stopped (a print loop that never ends?); the child JVM was killed;"
                + " -Dplayground.output-kb=N sets the limit", printed.hostLine());
        ChildJvmSandbox sleeper = new ChildJvmSandbox(CHILD_LIMITS, List.of("sh", "-c", "exec sleep 600", "sh"), Duration.ZERO, none);
        ChildJvmSandbox.Verdict slept = sleeper.run(none);
        assertEquals(new ChildJvmSandbox.Verdict(3, Limit.TIME, "", "stopped: the script ran longer than 1 s and was stopped"
                + " (a loop that never ends?); the child JVM was killed; -Dplayground.seconds=N sets the limit"), slept);
    }
}
