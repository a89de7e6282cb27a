package rubytojava;

import java.util.concurrent.TimeUnit;

/**
 * Counts how many threads are inside its calls at once: whether a host's threads can be in Java
 * together. CRuby's global VM lock lets one rjb call in at a time; JRuby's threads are Java threads.
 * Nothing here knows about Ruby.
 */
public final class Overlap {
    private int inside;
    private int most;

    /**
     * A Java call that waits until {@code threads} threads have been inside at once, or {@code millis}
     * have passed, and returns as soon as they have. The count then depends on no timing: a thread that
     * can come in comes in, and the bound is only how long to wait for one that cannot.
     */
    public synchronized void meet(int threads, long millis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        long deadline = System.nanoTime() + left;
        enter();
        try {
            while (most < threads && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left); // enter() in another thread wakes it
                left = deadline - System.nanoTime();
            }
        } finally {
            inside--;
        }
    }

    /** A Java call that lasts {@code millis} and uses no CPU (asleep, as when waiting for I/O): what the benchmark times. */
    public void stay(long millis) throws InterruptedException {
        synchronized (this) {
            enter();
        }
        try {
            Thread.sleep(millis);
        } finally {
            synchronized (this) {
                inside--;
            }
        }
    }

    /** The most threads that were inside at once, so far. */
    public synchronized int most() {
        return most;
    }

    private void enter() {
        inside++;
        most = Math.max(most, inside);
        notifyAll();
    }
}
