package nodetojava;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * For the Node.js lesson on threads (src/main/node/threads.js): Java that calls a JavaScript
 * function from a thread of its own, as a library with a thread pool or a listener does. node-java
 * runs the function on node's main thread: it queues the call for the event loop (uv_async_send)
 * and the Java thread waits until the loop has run it. So the result comes only when the event
 * loop gets a turn, never while node's main thread is itself waiting in a synchronous Java call.
 */
public final class CallbackThread {
    private CallbackThread() {}

    /**
     * Calls {@code function} with the name of the calling thread from a new Java thread named
     * "java-worker", and returns its result; gives up after {@code timeoutMillis} with a
     * {@link TimeoutException} that says why (the Java thread stays queued, and the function runs
     * when the loop is free).
     */
    public static String callFromNewThread(Function<String, String> function, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        FutureTask<String> call = new FutureTask<>(() -> function.apply(Thread.currentThread().getName()));
        Thread.ofPlatform().name("java-worker").daemon().start(call);
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("the JS function did not run within " + timeoutMillis
                    + " ms: node's event loop got no turn (is this call synchronous?)");
        }
    }
}
