package pythontojava;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import pythontojava.SandboxLimits.Limit;

/**
 * The one-shot playground's wall: the sandbox's stops are cooperative (a script inside one
 * built-in never reaches a safepoint), so an independent daemon thread ends the process itself
 * when a stop has not worked in time: the time limit + {@link #GRACE} after the script (or the
 * closing of its context) started, or {@link #GRACE} after the output or heap stop was asked
 * for. It prints the verdict line and halts: no shutdown hook and no guest code runs.
 */
final class PlaygroundWall {
    static final Duration GRACE = Duration.ofSeconds(2);
    private final SandboxLimits limits;
    private long deadline = Long.MAX_VALUE; // System.nanoTime(); guarded by this
    private Limit limit = Limit.TIME;

    PlaygroundWall(SandboxLimits limits) {
        this.limits = limits;
        Thread.ofPlatform().daemon().name("playground-wall").start(this::watch);
    }

    /** The script (or the closing of its context) starts now: it has the time limit, and the grace. */
    synchronized void arm() {
        deadline = System.nanoTime() + limits.time().plus(GRACE).toNanos();
        limit = Limit.TIME;
        notifyAll();
    }

    /** A stop was asked for: it has the grace to work. */
    synchronized void stopRequested(Limit stopped) {
        long graceEnds = System.nanoTime() + GRACE.toNanos();
        if (graceEnds < deadline) {
            deadline = graceEnds;
            limit = stopped;
            notifyAll();
        }
    }

    private synchronized void watch() {
        try {
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, Math.min(left, Long.MAX_VALUE / 2) / 1_000_000));
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread; if someone does, the wall falls now
        }
        // System.out's lock may be held by the script's thread, stuck in a write: flush from
        // another thread and wait at most a second for it.
        Thread flush = Thread.ofPlatform().daemon().start(System.out::flush);
        try {
            flush.join(1000);
        } catch (InterruptedException e) {
            // halt anyway
        }
        say("stopped: " + limits.reason(limit) + "; it did not stop when asked, so the playground ended itself; -D"
                + limit.property + "=N sets the limit");
        Runtime.getRuntime().halt(limit.exitCode);
    }

    /** One line on stderr, written straight to the file descriptor: no lock a guest thread could hold. */
    static void say(String line) {
        try {
            @SuppressWarnings("resource") // fd 2 stays open: the process goes on writing to it
            FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
            stderr.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // stderr is gone: the exit code still says it
        }
    }
}
