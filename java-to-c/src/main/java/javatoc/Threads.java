package javatoc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * {@code make run}, its threads part (THREADS.md): Java threads run C in parallel, with no lock
 * of the JVM's; so a C function that keeps state in a static buffer gives one thread another's
 * answer, and the Java side must lock around it. Every line printed holds on every run.
 */
public final class Threads {
    static final int CALLS = 100_000;
    static final int WAIT_MS = 10_000; // how long meet_in_c waits for the other thread: far more than it needs

    private Threads() {}

    public static void main(String[] args) throws Exception {
        try {
            System.out.println("Threads: several Java threads calling one C library");
            try (Arena shared = Arena.ofShared()) {
                System.out.println("  2 threads inside C at once, through FFM: "
                        + yes(MeetInC.insideAtOnce(2, MeetInC.ffm(shared, 2, WAIT_MS)) == 2) + "  (no lock: C runs in parallel)");
            }
            System.out.println("  2 threads inside C at once, through JNA: " + yes(MeetInC.insideAtOnce(2, MeetInC.jna(2, WAIT_MS)) == 2));
            System.out.println("  ipv4_to_text answers in one static buffer, which every call overwrites:");
            System.out.println("    thread 1: p = ipv4_to_text(10.0.0.1); thread 2: ipv4_to_text(192.168.0.1); thread 1 reads p: \""
                    + secondCallBeforeTheFirstIsRead(Ipv4Text.address(10, 0, 0, 1), Ipv4Text.address(192, 168, 0, 1)) + "\"");
            System.out.println("  LockedIpv4Text (a lock around the call and the copy), 2 threads x " + CALLS
                    + " calls: wrong answers: " + wrongAnswersFromTwoThreads(CALLS, LockedIpv4Text::text));
        } catch (LibraryNotFoundException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String yes(boolean fact) {
        return fact ? "yes" : "no";
    }

    /** Thread 1 calls ipv4_to_text(first) and keeps C's pointer; thread 2 calls it with second; then thread 1 reads. */
    static String secondCallBeforeTheFirstIsRead(int first, int second) throws Exception {
        CountDownLatch firstCalled = new CountDownLatch(1);
        CountDownLatch secondCalled = new CountDownLatch(1);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            Future<String> thread1 = two.submit(() -> {
                MemorySegment p = Ipv4Text.pointer(first);
                firstCalled.countDown();
                secondCalled.await();
                return p.getString(0);
            });
            two.submit(() -> {
                firstCalled.await();
                Ipv4Text.pointer(second);
                secondCalled.countDown();
                return null;
            });
            return thread1.get();
        }
    }

    /** Two threads, each converting its own addresses with toText; how many answers were not its own. */
    static long wrongAnswersFromTwoThreads(int calls, IntFunction<String> toText) throws Exception {
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<Long>> wrong = new ArrayList<>();
            for (int thread = 1; thread <= 2; thread++) {
                int a = thread;
                wrong.add(two.submit(() -> {
                    long count = 0;
                    for (int i = 0; i < calls; i++) {
                        int b = i >> 8 & 0xff, c = i & 0xff;
                        if (!toText.apply(Ipv4Text.address(10, a, b, c)).equals("10." + a + "." + b + "." + c)) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            return wrong.get(0).get() + wrong.get(1).get();
        }
    }
}
