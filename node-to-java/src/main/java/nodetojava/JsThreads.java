package nodetojava;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * GraalJS and Java threads. A {@link Context} runs JavaScript on one thread at a time (JavaScript
 * has no shared-memory threads); an {@link Engine} may be shared by many contexts. Two patterns
 * work: a context per thread on one shared engine (they run at once, and share the parsed code),
 * or one context that threads take turns on, behind a lock. A thread that enters a context while
 * another thread is inside it gets an {@link IllegalStateException}: {@link #secondThreadWhileInside}.
 */
public final class JsThreads {
    private JsThreads() {}

    /** How long a thread waits for the other one: a hang guard, never reached when the code is right. */
    static final long GUARD_SECONDS = 30;

    /**
     * Pattern 1: a context per thread, all on one engine. Each thread's JavaScript calls
     * {@code meeting.arrive()}, which returns true once every thread is inside its context at the
     * same time: proof that they ran at once, which does not depend on timing.
     */
    public static List<Boolean> contextPerThread(Engine engine, int threads) throws Exception {
        Meeting meeting = new Meeting(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    try (Context context = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.EXPLICIT).build()) {
                        context.getBindings("js").putMember("meeting", meeting);
                        return context.eval("js", "meeting.arrive()").asBoolean();
                    }
                }));
            }
            List<Boolean> together = new ArrayList<>();
            for (Future<Boolean> result : results) {
                together.add(result.get());
            }
            return together;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pattern 2: one context, one lock: each thread holds the lock for the whole of each call into the context. */
    public static int oneContextBehindALock(Engine engine, int threads, int callsEach) throws Exception {
        try (Context context = Context.newBuilder("js").engine(engine).build()) {
            Value increment = context.eval("js", "let count = 0; () => ++count");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    done.add(pool.submit(() -> {
                        for (int call = 0; call < callsEach; call++) {
                            synchronized (context) { // the lock: without it two threads may be inside at once
                                increment.execute();
                            }
                        }
                    }));
                }
                for (Future<?> each : done) {
                    each.get();
                }
            } finally {
                pool.shutdownNow();
            }
            synchronized (context) {
                return context.eval("js", "count").asInt();
            }
        }
    }

    /**
     * The rule broken: a thread named "first" is inside the context (its JavaScript waits in
     * {@code gate.holdInside()}), and the calling thread enters the same context meanwhile. Returns
     * what the calling thread got (the exception's class and message), with the caller's thread
     * description (which carries a thread id) replaced by its name, so that it prints the same each run.
     */
    public static String secondThreadWhileInside(Engine engine) throws Exception {
        Gate gate = new Gate();
        try (Context context = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.EXPLICIT).build()) {
            context.getBindings("js").putMember("gate", gate);
            Value holdInside = context.eval("js", "() => gate.holdInside()");
            Thread first = Thread.ofPlatform().name("first").start(holdInside::execute);
            try {
                if (!gate.inside.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the first thread never entered the context");
                }
                context.eval("js", "1 + 1");
                return "no error";
            } catch (IllegalStateException e) {
                Thread me = Thread.currentThread();
                return e.getClass().getName() + ": " + e.getMessage().replace(me.toString(), me.getName());
            } finally {
                gate.release.countDown();
                first.join();
            }
        }
    }

    /** Lets threads inside JavaScript wait for each other. */
    public static final class Meeting {
        private final CountDownLatch arrived;

        Meeting(int threads) {
            arrived = new CountDownLatch(threads);
        }

        /** True when every thread has arrived (within the guard time). */
        @HostAccess.Export
        public boolean arrive() throws InterruptedException {
            arrived.countDown();
            return arrived.await(GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Keeps a thread inside JavaScript until the host lets it go. */
    public static final class Gate {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @HostAccess.Export
        public void holdInside() throws InterruptedException {
            inside.countDown();
            release.await(GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The lesson's lines, on one engine that all three share. */
    static void show() throws Exception {
        System.out.println("Threads (GraalJS): JsThreads.java; a Context runs on one thread at a time, an Engine is shared");
        try (Engine engine = Engine.create("js")) {
            System.out.println("  a context per thread, one shared Engine: 2 threads inside JavaScript at once: "
                    + contextPerThread(engine, 2).stream().allMatch(Boolean::booleanValue));
            System.out.println("  one context behind a lock: 2 threads x 1000 calls, count = " + oneContextBehindALock(engine, 2, 1000));
            System.out.println("  a second thread entering a context while \"first\" is inside got:");
            System.out.println("    " + secondThreadWhileInside(engine));
        }
    }
}
