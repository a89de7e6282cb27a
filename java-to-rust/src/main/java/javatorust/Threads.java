package javatorust;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * {@code make run}, its last part (THREADS.md): two Java threads calling Rust at once. Rust runs
 * them in parallel; a Rust type that is {@code Sync} (Tally, a Mutex inside) is right from both,
 * and one that is not (Counter, a Cell inside) needs a lock on the Java side. Every line printed
 * holds on every run.
 */
final class Threads {
    static final int CALLS = 20_000;
    static final int WAIT_MS = 10_000; // how long meet_in_rust waits for the other thread: far more than it needs

    private Threads() {}

    static void lesson() {
        System.out.println("Two Java threads calling Rust at once");
        try (Arena shared = Arena.ofShared()) { // shared: both threads use what is in it
            MemorySegment arrived = shared.allocate(JAVA_INT);
            int seen = fewestInTwoThreads(() -> RustLib.meet_in_rust(arrived, 2, WAIT_MS));
            System.out.println("  both inside Rust at the same time: " + (seen == 2 ? "yes" : "no") + "  (no lock: Rust runs in parallel)");
            Tally tally = new Tally(shared);
            System.out.println("  Tally (a Mutex inside: Sync), 2 threads x " + CALLS + " add(\"be\"): count = "
                    + highestInTwoThreads(CALLS, () -> tally.add("be")));
            Counter counter = new Counter(shared);
            System.out.println("  Counter (a Cell inside: not Sync) behind a Java lock, 2 threads x " + CALLS + " add(): count = "
                    + highestInTwoThreads(CALLS, counter::add));
        }
    }

    /** Each of two threads calls count `calls` times; returns the highest count any call returned. */
    static long highestInTwoThreads(int calls, LongSupplier count) {
        return inTwoThreads(() -> {
            long highest = 0;
            for (int i = 0; i < calls; i++) {
                highest = Math.max(highest, count.getAsLong());
            }
            return highest;
        }).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Two threads call meet once each; returns the fewer callers either saw inside at once. */
    static int fewestInTwoThreads(IntSupplier meet) {
        return inTwoThreads(() -> (long) meet.getAsInt()).stream().mapToInt(Long::intValue).min().orElseThrow();
    }

    private static List<Long> inTwoThreads(LongSupplier work) {
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(two.submit(work::getAsLong));
            }
            List<Long> each = new ArrayList<>();
            for (Future<Long> result : results) {
                each.add(result.get());
            }
            return each;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }
}
