package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pythontojava.ChildJvmSandbox.Verdict;
import pythontojava.SandboxLimits.Limit;

/** Each script in its own JVM: the verdicts of the child, and the parent's own walls. */
class ChildJvmSandboxTest {
    private static final Path HOSTILE = PlaygroundTest.HOSTILE;
    private static final long MB = SandboxLimits.MB;

    @Test
    void aScriptRunsInAChildJvmAndItsOutputComesBack(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("answer.py"), "import os\nprint(6 * 7, os.getpid())\n");
        Verdict verdict = ChildJvmSandbox.inThisFolder(SandboxLimits.fromSystemProperties()).run(script);
        assertEquals(0, verdict.exitCode(), verdict.hostLine());
        assertNull(verdict.limit());
        assertEquals("", verdict.hostLine());
        String[] printed = verdict.output().strip().split(" ");
        assertEquals("42", printed[0]);
        assertTrue(Long.parseLong(printed[1]) != ProcessHandle.current().pid(), "it ran in another process");
    }

    @Test
    void theChildsOwnLimitsGiveTheirVerdicts() throws Exception {
        ChildJvmSandbox sandbox = ChildJvmSandbox.inThisFolder(new SandboxLimits(Duration.ofSeconds(1), 64 * 1024, 256 * MB));
        Verdict time = sandbox.run(HOSTILE.resolve("sum-inside-a-built-in.py"));
        assertEquals(Limit.TIME, time.limit(), time.hostLine());
        assertTrue(time.hostLine().startsWith("stopped: the script ran longer than 1 s"), time.hostLine());
        // (Each limit out of the others' reach: on a busy machine an allocation loop can run 1 s first.)
        ChildJvmSandbox patient = ChildJvmSandbox.inThisFolder(new SandboxLimits(Duration.ofSeconds(600), 64 * 1024, 256 * MB));
        Verdict memory = patient.run(HOSTILE.resolve("allocate-forever.py"));
        assertEquals(Limit.MEMORY, memory.limit(), memory.hostLine());
        assertEquals(5, memory.exitCode());
        Verdict signal = patient.run(HOSTILE.resolve("raise-a-signal.py"));
        assertEquals(1, signal.exitCode(), signal.hostLine());
        assertTrue(signal.hostLine().startsWith("denied: "), signal.hostLine());
    }

    @Test
    void theParentKillsAChildThatPrintsPastTheOutputLimit() throws Exception {
        // A child that ignores every limit of its own: `yes` prints without end.
        ChildJvmSandbox sandbox = new ChildJvmSandbox(new SandboxLimits(Duration.ofSeconds(600), 64 * 1024, 256 * MB),
                List.of("sh", "-c", "yes", "sh"), Duration.ZERO);
        Verdict verdict = sandbox.run(Path.of("unused.py"));
        assertEquals(new Verdict(4, Limit.OUTPUT, "y\n".repeat(32 * 1024) + "y", "stopped: the script printed more than 64 KB "
                + "and was stopped (a print loop that never ends?); the child JVM was killed"), verdict);
    }

    @Test
    void theParentKillsAChildThatRunsPastTheTimeLimit() throws Exception {
        ChildJvmSandbox sandbox = new ChildJvmSandbox(new SandboxLimits(Duration.ofSeconds(1), 64 * 1024, 256 * MB),
                List.of("sh", "-c", "echo started; exec sleep 600", "sh"), Duration.ZERO);
        long start = System.nanoTime();
        Verdict verdict = sandbox.run(Path.of("unused.py"));
        assertEquals(new Verdict(3, Limit.TIME, "started\n", "stopped: the script ran longer than 1 s and was stopped "
                + "(a loop that never ends?); the child JVM was killed"), verdict);
        // Generous: `sleep 600` not killed would take ten minutes.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60);
    }
}
