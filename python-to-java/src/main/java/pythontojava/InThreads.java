package pythontojava;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a call in several Java threads at once: how the JVM-side lessons call Python from threads. */
final class InThreads {
    private InThreads() {}

    /** Runs {@code call} once in each of {@code threads} new threads, all at once; returns the results in order. */
    static <T> List<T> run(int threads, Callable<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(call);
        }
        return run(calls);
    }

    /** Runs each call in a thread of its own, all at once; returns the results in order (or the first failure). */
    static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) { // close() waits for the threads
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(call));
            }
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        return results;
    }
}
