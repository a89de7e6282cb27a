package nodetojava;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nodetojava.SandboxLimits.Limit;

/**
 * The one-shot playground's wall. The sandbox's stops are requests: {@code Context.close(true)}
 * takes effect when the script reaches a safepoint, which a built-in looping inside Java (or an
 * exported host method) may never do. So this daemon thread, independent of the sandbox, ends the
 * process itself when a stop has not worked in time: {@link #GRACE} after the time limit, or after
 * the output or heap stop was requested. It flushes the script's output, prints the verdict line
 * and halts: no shutdown hook and no guest code runs after it.
 */
final class PlaygroundWall {
    static final Duration GRACE = Duration.ofSeconds(2);
    private final SandboxLimits limits;
    private long deadline = Long.MAX_VALUE; // System.nanoTime(); all fields guarded by this
    private Limit limit = Limit.TIME;
    private boolean ended;

    PlaygroundWall(SandboxLimits limits) {
        this.limits = limits;
        Thread.ofPlatform().daemon().name("playground-wall").start(this::watch);
    }

    /** The script (or the closing of its context) starts now: it has the time limit and the grace. */
    synchronized void arm() {
        deadline = System.nanoTime() + limits.time().plus(GRACE).toNanos();
        limit = Limit.TIME;
        notifyAll();
    }

    /** The sandbox asked the script to stop: the stop has the grace to work. */
    synchronized void stopRequested(Limit stopped) {
        long graceEnds = System.nanoTime() + GRACE.toNanos();
        if (graceEnds < deadline) {
            deadline = graceEnds;
            limit = stopped;
            notifyAll();
        }
    }

    /** The playground's own end: its verdict line (if any), then exit; the wall says nothing after it. */
    synchronized void end(int exitCode, String verdict) {
        ended = true;
        System.out.flush();
        if (verdict != null) {
            say(verdict);
        }
        System.exit(exitCode);
    }

    private synchronized void watch() {
        try {
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                wait(Math.max(1, Math.min(left, Long.MAX_VALUE / 2) / 1_000_000));
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread; if someone does, the wall falls now
        }
        if (ended) {
            return; // the playground is exiting with its own verdict
        }
        // The script's thread may hold System.out's lock, stuck in a write: flush from another
        // thread, and wait for it at most a second.
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

    /** One line on stderr, straight to the file descriptor: no lock that a guest thread could hold. */
    static void say(String line) {
        try {
            @SuppressWarnings("resource") // fd 2 stays open for the rest of the process
            FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
            stderr.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // stderr is gone: the exit code still says it
        }
    }
}
