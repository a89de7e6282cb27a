package javatorust;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Rust {@code Counter}: a {@code Cell} inside, so not {@code Sync}, and Rust's compiler keeps
 * it in one Rust thread. It cannot see Java's threads: across the boundary that promise is
 * Java's to keep, and this class keeps it with a lock around every call (THREADS.md).
 */
public final class Counter {
    private final MemorySegment handle;
    // One lock per Rust Counter: it guards that counter's state, nothing else.
    private final ReentrantLock oneThreadInRustAtATime = new ReentrantLock();

    /** A new Rust counter at 0 that lives as long as {@code arena}, as a Tally does. */
    @SuppressWarnings("restricted") // reinterpret: Java trusts that counter_free is the right clean-up
    public Counter(Arena arena) {
        MemorySegment counter = RustLib.counter_new();
        try {
            handle = counter.reinterpret(arena, RustLib::counter_free);
        } catch (RuntimeException e) { // the arena is closed, or belongs to another thread
            RustLib.counter_free(counter);
            throw e;
        }
    }

    /** Counts one more; returns the count. Safe from any number of threads at once. */
    public long add() {
        oneThreadInRustAtATime.lock();
        try {
            return RustLib.counter_add(handle);
        } finally {
            oneThreadInRustAtATime.unlock();
        }
    }

    /** The handle, for ThreadsTest to show what the lock prevents. */
    MemorySegment handle() {
        return handle;
    }
}
