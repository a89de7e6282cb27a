package pythontojava;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import pythontojava.SandboxLimits.Limit;

/**
 * Real walls for a Java application that keeps running: each untrusted script runs in a child JVM,
 * the playground ({@link GraalPyRunner}) with the folder's start-up flags and AOT cache. The child's
 * {@code -Xmx} is the memory limit; this parent ends the child at the time limit (plus its start-up)
 * and as soon as its output passes the output limit, whatever the script runs. Signals, atexit
 * handlers and a filled heap stay inside the child. The price: a JVM and a GraalPy start per script.
 */
public final class ChildJvmSandbox {
    /** What the child may take to start GraalPy, before the script's own time limit begins. */
    static final Duration START_UP = Duration.ofSeconds(30);
    /** The most the parent keeps of the child's stderr: its one verdict line. */
    static final int MAX_HOST_LINE_BYTES = 4096;

    private final SandboxLimits limits;
    private final List<String> command;
    private final Duration startUp;

    /**
     * How a script ended: its exit code (as the playground's: 0 ran, 1 raised, 3, 4, 5 a limit),
     * the limit that stopped it (null if none), what it printed (at most the output limit and a
     * line break) and the host's verdict line (empty if none).
     */
    public record Verdict(int exitCode, Limit limit, String output, String hostLine) {}

    /** The playground as `make run SCRIPT=...` starts it, from this folder: its jars, flags and AOT cache. */
    public static ChildJvmSandbox inThisFolder(SandboxLimits limits) {
        return new ChildJvmSandbox(limits, "target/python-to-java.jar:target/lib/*", Path.of("target/graalpy.aot"));
    }

    public ChildJvmSandbox(SandboxLimits limits, String classPath, Path aotCache) {
        this(limits, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The memory wall: twice the limit, so that the child's own guard (3/4 of the serial
                // GC's old generation, 2/3 of the heap) stops the script at the limit first.
                "-Xmx" + limits.heapBytes() / SandboxLimits.MB * 2 + "m",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp", classPath,
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:AOTCache=" + aotCache, "-Xlog:aot=off",
                "-D" + Limit.TIME.property + "=" + Math.max(1, limits.time().toSeconds()),
                "-D" + Limit.OUTPUT.property + "=" + (limits.outputBytes() + 1023) / 1024,
                "-D" + Limit.MEMORY.property + "=" + limits.heapBytes() / SandboxLimits.MB,
                GraalPyRunner.class.getName()), START_UP);
    }

    /** Any command that takes a script's path last (the tests give it a child that ignores the limits). */
    ChildJvmSandbox(SandboxLimits limits, List<String> command, Duration startUp) {
        this.limits = limits;
        this.command = List.copyOf(command);
        this.startUp = startUp;
    }

    public Verdict run(Path script) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(command);
        arguments.add(script.toString());
        Process child = new ProcessBuilder(arguments).start();
        child.getOutputStream().close();
        AtomicBoolean outOfTime = new AtomicBoolean();
        Thread.ofVirtual().start(() -> { // the time wall
            try {
                if (!child.waitFor(startUp.plus(limits.time()).toNanos(), TimeUnit.NANOSECONDS)) {
                    outOfTime.set(true);
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        });
        ByteArrayOutputStream hostLine = new ByteArrayOutputStream();
        Thread stderr = Thread.ofVirtual().start(() -> read(child.getErrorStream(), hostLine, MAX_HOST_LINE_BYTES, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // The output wall: the limit, and the line break the child adds when it stops a script.
        boolean outputPassed = !read(child.getInputStream(), output, limits.outputBytes() + 1, true);
        if (outputPassed) {
            child.destroyForcibly();
        }
        int exitCode = child.waitFor();
        stderr.join();
        String line = hostLine.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        Limit limit = outputPassed ? Limit.OUTPUT : outOfTime.get() ? Limit.TIME : null;
        if (limit != null) {
            return new Verdict(limit.exitCode, limit, output.toString(StandardCharsets.UTF_8),
                    "stopped: " + limits.reason(limit) + "; the child JVM was killed");
        }
        for (Limit passed : Limit.values()) {
            if (passed.exitCode == exitCode) {
                limit = passed;
            }
        }
        return new Verdict(exitCode, limit, output.toString(StandardCharsets.UTF_8), line);
    }

    /**
     * Copies at most max bytes of in; past them, stops reading if {@code stopPastMax}, else reads
     * on to the end without keeping (the child must not block on a full pipe). False if in had more.
     */
    private static boolean read(InputStream in, ByteArrayOutputStream copy, long max, boolean stopPastMax) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                copy.write(buffer, 0, (int) Math.max(0, Math.min(n, max - total)));
                total += n;
                if (total > max && stopPastMax) {
                    return false;
                }
            }
        } catch (IOException e) {
            // the child was killed: what it wrote so far is kept
        }
        return total <= max;
    }
}
