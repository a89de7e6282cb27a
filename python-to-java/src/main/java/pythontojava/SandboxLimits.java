package pythontojava;

import java.time.Duration;

/**
 * How long a script may run, how much it may print and how full it may make the heap. Each limit,
 * when passed, stops the script and closes its context (see {@link PythonSandbox}). The same limits,
 * with the same defaults and messages, guard the GraalJS sandbox of node-to-java.
 *
 * @param time        wall-clock time of one guest call
 * @param outputBytes what the script may write to stdout and stderr together, over the sandbox's life
 * @param heapBytes   the JVM's heap in use after a full collection while the script runs (the host's
 *                    own objects included: GraalVM's community edition cannot tell whose they are)
 */
public record SandboxLimits(Duration time, long outputBytes, long heapBytes) {
    static final long MB = 1024 * 1024;

    /** The playground's limits: 10 s, 1 MB (1024 KB) of output, 512 MB of heap, unless -Dplayground.*=N says otherwise. */
    public static SandboxLimits fromSystemProperties() {
        return new SandboxLimits(Duration.ofSeconds(Long.getLong(Limit.TIME.property, 10)),
                Long.getLong(Limit.OUTPUT.property, 1024) * 1024, Long.getLong(Limit.MEMORY.property, 512) * MB);
    }

    /** The given time limit, and the default output and heap limits. */
    public static SandboxLimits ofTime(Duration time) {
        return fromSystemProperties().withTime(time);
    }

    public SandboxLimits withTime(Duration newTime) {
        return new SandboxLimits(newTime, outputBytes, heapBytes);
    }

    public SandboxLimits {
        if (time.isNegative() || time.isZero() || outputBytes < 0 || heapBytes <= 0) {
            throw new IllegalArgumentException("sandbox limits must be positive: " + time + ", " + outputBytes + ", " + heapBytes);
        }
    }

    /** Which limit stopped a script, with the property that sets it and the playground's exit code for it. */
    public enum Limit {
        TIME("playground.seconds", 3),
        OUTPUT("playground.output-kb", 4),
        MEMORY("playground.heap-mb", 5);

        public final String property;
        public final int exitCode;

        Limit(String property, int exitCode) {
            this.property = property;
            this.exitCode = exitCode;
        }
    }

    /** Why a script was stopped, in a few words (the callers say what became of it). */
    String reason(Limit limit) {
        return switch (limit) {
            case TIME -> "the script ran longer than " + seconds(time) + " and was stopped (a loop that never ends?)";
            case OUTPUT -> "the script printed more than " + size(outputBytes) + " and was stopped (a print loop that never ends?)";
            case MEMORY -> "the script filled the heap past " + size(HeapGuard.effectiveLimit(heapBytes))
                    + " and was stopped (an allocation that never ends?)";
        };
    }

    private static String seconds(Duration time) {
        return time.toMillis() % 1000 == 0 ? time.toSeconds() + " s" : time.toMillis() + " ms";
    }

    static String size(long bytes) {
        return bytes % MB == 0 ? bytes / MB + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
