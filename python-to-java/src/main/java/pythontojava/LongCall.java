package pythontojava;

import org.graalvm.polyglot.HostAccess;

/**
 * A long Java call for several threads to make at once, which counts the threads inside it: the
 * threads lessons ask it whether a runtime lets two threads be in Java, or in Python, at the same
 * time. The count is an observation, not a timing: {@link #meet} proves two threads were inside
 * together whatever the machine's load. (Exported to GraalPy's sandbox, which passes one in.)
 */
public final class LongCall {
    private int inside;             // guarded by this
    private int mostInside;         // guarded by this
    private boolean interrupted;    // guarded by this

    /** A call that waits, as I/O does: sleeps {@code millis}, and says whether it was interrupted. */
    @HostAccess.Export
    public void sleep(long millis) throws InterruptedException {
        enter();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            synchronized (this) {
                interrupted = true;
            }
            throw e;
        } finally {
            leave();
        }
    }

    /** A call that computes: keeps one core busy for {@code millis}; returns the rounds it made. */
    @HostAccess.Export
    public long spin(long millis) {
        enter();
        try {
            long end = System.nanoTime() + millis * 1_000_000;
            long rounds = 0;
            while (System.nanoTime() < end) {
                rounds++;
            }
            return rounds;
        } finally {
            leave();
        }
    }

    /**
     * Stays inside until {@code threads} callers are inside at once, for at most {@code timeoutMillis}:
     * true when they met. If the runtime let only one thread in at a time, the first would wait in
     * vain (the timeout is only a guard; meeting takes as long as the threads take to arrive).
     */
    @HostAccess.Export
    public synchronized boolean meet(int threads, long timeoutMillis) throws InterruptedException {
        enter();
        try {
            long end = System.nanoTime() + timeoutMillis * 1_000_000;
            while (inside < threads && mostInside < threads) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        } finally {
            leave();
        }
    }

    /** Waits, outside, until {@code threads} callers are inside at once (at most {@code timeoutMillis}). */
    @HostAccess.Export
    public synchronized boolean awaitInside(int threads, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (inside < threads) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The most callers that were inside at the same time. */
    @HostAccess.Export
    public synchronized int mostInside() {
        return mostInside;
    }

    /** Whether a {@link #sleep} was cut short by {@link Thread#interrupt()} (JPype's Ctrl-C does that). */
    @HostAccess.Export
    public synchronized boolean interrupted() {
        return interrupted;
    }

    private synchronized void enter() {
        inside++;
        mostInside = Math.max(mostInside, inside);
        notifyAll();
    }

    private synchronized void leave() {
        inside--;
        notifyAll();
    }
}
