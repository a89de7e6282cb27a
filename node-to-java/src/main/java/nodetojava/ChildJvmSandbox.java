package nodetojava;

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
import nodetojava.SandboxLimits.Limit;

/**
 * Real walls for a Java application that keeps running: each untrusted script runs in a child JVM,
 * the {@link Playground} with this folder's start-up flags and AOT cache. The child's {@code -Xmx}
 * is the memory wall; this parent kills the child at the time limit (plus its start-up) and as
 * soon as its output passes the output limit, whatever the script runs inside it. A filled heap,
 * a stuck built-in or a crash stay in the child. The price: a JVM and a GraalJS start per script.
 */
public final class ChildJvmSandbox {
    /** What the child may take to start (a JVM and GraalJS, on a busy machine) before the script's own time begins. */
    static final Duration START_UP = Duration.ofSeconds(20);
    /** The most the parent keeps of the child's stderr: its one verdict line. */
    static final int MAX_HOST_LINE_BYTES = 4096;

    private final SandboxLimits limits;
    private final List<String> command;
    private final Duration startUp;

    /**
     * How a script ended: the exit code (the playground's: 0 ran, 1 threw, 3, 4, 5 a limit), the
     * limit that stopped it (null if none), what it printed (at most the output limit and a line
     * break) and the host's verdict line (empty if none).
     */
    public record Verdict(int exitCode, Limit limit, String output, String hostLine) {}

    /** The playground as `make run SCRIPT=...` starts it, from the example folder {@code folder}. */
    public ChildJvmSandbox(Path folder, SandboxLimits limits) {
        this(limits, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The memory wall: twice the limit, so that the child's own heap guard (3/4 of the
                // serial GC's old generation, which is 2/3 of the heap) stops the script first.
                "-Xmx" + limits.heapBytes() / SandboxLimits.MB * 2 + "m",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:AOTCache=" + folder.resolve("target/graaljs.aot"), "-Xlog:aot=off",
                "-D" + Limit.TIME.property + "=" + Math.max(1, limits.time().toSeconds()),
                "-D" + Limit.OUTPUT.property + "=" + (limits.outputBytes() + 1023) / 1024,
                "-D" + Limit.MEMORY.property + "=" + limits.heapBytes() / SandboxLimits.MB,
                "-cp", folder.resolve("target/node-to-java.jar") + ":" + folder.resolve("target/lib") + "/*",
                Playground.class.getName()), START_UP, folder.resolve("src/main/js"));
    }

    private final Path moduleFolder;

    /** Any command that takes the script's path and the module folder last (the tests give it a child that ignores the limits). */
    ChildJvmSandbox(SandboxLimits limits, List<String> command, Duration startUp, Path moduleFolder) {
        this.limits = limits;
        this.command = List.copyOf(command);
        this.startUp = startUp;
        this.moduleFolder = moduleFolder;
    }

    public Verdict run(Path script) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(command);
        arguments.addAll(List.of(script.toString(), moduleFolder.toString()));
        Process child = new ProcessBuilder(arguments).start();
        child.getOutputStream().close();
        // The time wall: the child's own wall ends it at limit + 2 s; this one holds if that fails.
        AtomicBoolean outOfTime = new AtomicBoolean();
        Thread timeWall = Thread.ofVirtual().start(() -> {
            try {
                if (!child.waitFor(startUp.plus(limits.time()).toNanos(), TimeUnit.NANOSECONDS)) {
                    outOfTime.set(true);
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the child has ended
            }
        });
        ByteArrayOutputStream hostLine = new ByteArrayOutputStream();
        Thread stderr = Thread.ofVirtual().start(() -> read(child.getErrorStream(), hostLine, MAX_HOST_LINE_BYTES, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // The output wall: the limit, and the line break that the child adds when it stops a script.
        boolean outputPassed = !read(child.getInputStream(), output, limits.outputBytes() + 1, true);
        if (outputPassed) {
            child.destroyForcibly();
        }
        int exitCode = child.waitFor();
        timeWall.interrupt();
        stderr.join();
        Limit limit = outputPassed ? Limit.OUTPUT : outOfTime.get() ? Limit.TIME : null;
        if (limit != null) {
            return new Verdict(limit.exitCode, limit, output.toString(StandardCharsets.UTF_8),
                    "stopped: " + limits.reason(limit) + "; the child JVM was killed; -D" + limit.property + "=N sets the limit");
        }
        for (Limit passed : Limit.values()) {
            limit = passed.exitCode == exitCode ? passed : limit;
        }
        String line = hostLine.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return new Verdict(exitCode, limit, output.toString(StandardCharsets.UTF_8), line);
    }

    /**
     * Copies at most max bytes of in; past them, stops reading if {@code stopPastMax}, or else
     * reads on to the end without keeping (the child must not block on a full pipe). False if in had more.
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
