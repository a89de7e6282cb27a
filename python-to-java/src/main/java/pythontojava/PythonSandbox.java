package pythontojava;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import pythontojava.SandboxLimits.Limit;

/**
 * A GraalPy context that exposes only the Java API this example exports: the members of
 * {@link Calculator} marked {@code @HostAccess.Export}, the two classes named below, and the
 * {@link Operation} interface for Python to implement. No files, no sockets, no processes, no
 * threads, no native code, no environment variables, no other language. Every guest call runs
 * under three limits ({@link SandboxLimits}): time, output and heap. A script that passes one is
 * stopped, its context closed, and the host gets a {@link ScriptStoppedException} that says which
 * limit it passed; the host itself goes on. The limits are cooperative: the script stops at its
 * next safepoint, which a built-in running inside Java may never reach (SANDBOX.md says what
 * gives a wall instead: {@link GraalPyRunner}'s, or {@link ChildJvmSandbox}).
 */
public final class PythonSandbox implements AutoCloseable {
    /** The only classes a script may look up with java.type(). */
    static final Set<String> EXPORTED_CLASSES = Set.of(
            Calculator.class.getName(), CalculatorException.class.getName());

    private final Context context;
    private final SandboxLimits limits;
    /** What the script has written to stdout and stderr together. */
    private final AtomicLong printed = new AtomicLong();
    /** Set once, by the first limit a script passes; the watchdog then closes the context. */
    private final AtomicReference<Limit> stoppedBy = new AtomicReference<>();
    /** Completed when the watchdog has closed the context of a stopped script. */
    private final CompletableFuture<Void> closedByStop = new CompletableFuture<>();
    /** One thread: the timer of each guest call, and the closing of a stopped script's context. */
    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
            task -> watchdogThread = Thread.ofPlatform().daemon().name("python-watchdog").unstarted(task));
    private volatile Thread watchdogThread;
    /** Told of each stop as it is requested (the playground's wall), before the script has stopped. */
    private final Consumer<Limit> stopRequested;

    {
        watchdog.setRemoveOnCancelPolicy(true); // a call that ends in time leaves no timer behind
        watchdog.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public PythonSandbox(SandboxLimits limits, OutputStream out, OutputStream err) {
        this(limits, out, err, limit -> {});
    }

    /** The same, telling {@code stopRequested} of each stop as soon as it is requested. */
    public PythonSandbox(SandboxLimits limits, OutputStream out, OutputStream err, Consumer<Limit> stopRequested) {
        this.limits = limits;
        this.stopRequested = stopRequested;
        this.context = secureBuilder().out(new BoundedOutput(out)).err(new BoundedOutput(err)).build();
        denySignals(context); // GraalPy's start-up (seconds, not the script's) happens here, outside the limits
    }

    /**
     * A context with the sandbox's switches but without its limits, writing to System.out and
     * System.err: for the host's own, trusted Python code.
     */
    public static Context newContext() {
        return denySignals(secureBuilder().build());
    }

    /**
     * The same, in an engine shared with other contexts: the pattern for Python in parallel threads,
     * a context per thread (each with its own GIL and objects) sharing the engine's parsed code.
     */
    public static Context newContext(Engine engine) {
        return denySignals(secureBuilder().engine(engine).build());
    }

    /**
     * GraalPy's {@code signal} module reaches the real process (sun.misc.Signal): a script could
     * raise SIGINT or SIGKILL in the JVM, or set SIGTERM to ignored. No option turns it off
     * ({@code python.InstallSignalHandlers} covers only GraalPy's own handlers, and is off), so
     * every function of the built-in {@code _signal}, which {@code signal} calls, is replaced
     * before any script runs: a reload or a new import finds the same module object.
     */
    private static Context denySignals(Context context) {
        context.eval(Source.newBuilder("python", """
                import _signal
                def _denied(*args, **kwargs):
                    raise PermissionError("signals belong to the host: the sandbox denies the signal module")
                for _name in dir(_signal):
                    if not _name.startswith("_") and callable(getattr(_signal, _name)):
                        setattr(_signal, _name, _denied)
                del _signal, _denied, _name
                """, "<the sandbox: no signals>").buildLiteral());
        return context;
    }

    /**
     * The lesson's builder: every switch at its strictest ({@link #strictest}), plus the one thing
     * the lesson needs and the {@link SandboxPolicy#CONSTRAINED} policy refuses, which is why the
     * policy is TRUSTED (the default, spelled out): Python values that Java sees through its own
     * interfaces, a list as a {@code java.util.List} ({@code Calculator.total([1, 2, 3, 4])}) and a
     * function or an object as an {@link Operation}. {@link #constrainedBuilder} is the same
     * without it, and CONSTRAINED accepts it (SandboxTest builds it): GraalVM itself checks every
     * other decision.
     */
    static Context.Builder secureBuilder() {
        return strictest(Context.newBuilder("python").sandbox(SandboxPolicy.TRUSTED))
                .allowHostAccess(hostAccess().allowMutableTargetMappings( // CONSTRAINED's, plus: Python values as ...
                        HostAccess.MutableTargetMapping.ARRAY_TO_JAVA_LIST,            // ... a java.util.List
                        HostAccess.MutableTargetMapping.EXECUTABLE_TO_JAVA_INTERFACE,  // ... an Operation (a function)
                        HostAccess.MutableTargetMapping.MEMBERS_TO_JAVA_INTERFACE)     // ... an Operation (an object)
                        .build());
    }

    /** The same switches under the CONSTRAINED policy, which checks them when the context is built. */
    static Context.Builder constrainedBuilder() {
        return strictest(Context.newBuilder("python").sandbox(SandboxPolicy.CONSTRAINED));
    }

    /** Every switch that decides what a script can reach, each at its strictest. */
    private static Context.Builder strictest(Context.Builder builder) {
        return builder
                .allowAllAccess(false)                              // no blanket "allow everything"
                .allowHostAccess(hostAccess().build())              // only what is marked or named in hostAccess()
                .allowHostClassLookup(EXPORTED_CLASSES::contains)   // java.type(): the two classes above, nothing else
                .allowHostClassLoading(false)                       // no loading of new Java classes or jars
                .allowIO(IOAccess.NONE)                             // no files, no sockets
                .allowCreateThread(false)                           // a script cannot start threads
                .allowCreateProcess(false)                          // ... nor processes
                .allowNativeAccess(false)                           // ... nor call native code
                .allowEnvironmentAccess(EnvironmentAccess.NONE)     // ... nor read environment variables
                .allowPolyglotAccess(PolyglotAccess.NONE)           // ... nor evaluate other languages
                .useSystemExit(false);                              // ... nor end the JVM (sys.exit reaches the host as an exception)
    }

    /** HostAccess.CONSTRAINED (only @HostAccess.Export members), plus what this example hands over. */
    private static HostAccess.Builder hostAccess() {
        try {
            return HostAccess.newBuilder(HostAccess.CONSTRAINED)
                    .allowAccess(Throwable.class.getMethod("getMessage")) // so that `except` can read it
                    .allowImplementations(Operation.class)          // Python objects may implement Operation
                    .allowListAccess(true);                         // Java Lists look like Python lists
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** Evaluates a source (a script) under the limits. */
    public Value eval(Source source) {
        return withLimits(() -> context.eval(source));
    }

    /** Evaluates Python code under the limits. */
    public Value eval(String python) {
        return eval(Source.create("python", python));
    }

    /**
     * Runs guest code under the limits. The watchdog (one thread per sandbox, from the first call
     * to {@link #close}) holds a timer for the call; the output counter and the heap guard can stop
     * the script too. Stopping closes the context with {@code cancelIfExecuting = true}, which
     * makes the running script throw a cancelled {@link PolyglotException} at its next safepoint,
     * even inside a Java callback; the call then throws {@link ScriptStoppedException}.
     */
    public <T> T withLimits(Supplier<T> guestCode) {
        if (stoppedBy.get() != null) {
            throw new IllegalStateException("this sandbox stopped a script (" + stoppedBy.get()
                    + " limit) and is closed; create a new one");
        }
        if (watchdog.isShutdown()) {
            throw new IllegalStateException("this sandbox is closed; create a new one");
        }
        ScheduledFuture<?> timer = watchdog.schedule(() -> stop(Limit.TIME), limits.time().toNanos(), TimeUnit.NANOSECONDS);
        try (HeapGuard.Watch heap = HeapGuard.watch(limits.heapBytes(), () -> stop(Limit.MEMORY))) {
            T result = guestCode.get();
            timer.cancel(false);
            throwIfStopped(); // a limit passed just as the call ended: its context is closed all the same
            return result;
        } catch (PolyglotException e) {
            timer.cancel(false);
            if (outOfMemory(e)) {
                stop(Limit.MEMORY);
            }
            throwIfStopped();
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /** The JVM ran out of heap inside the script, e.g. one huge array (the engine's message: "Java heap space"). */
    private static boolean outOfMemory(PolyglotException e) {
        return e.isResourceExhausted() && !e.isCancelled() && !String.valueOf(e.getMessage()).toLowerCase().contains("stack");
    }

    /** Stops the script for the first limit it passed: the watchdog closes the context (never the script's own thread). */
    private void stop(Limit limit) {
        if (stoppedBy.compareAndSet(null, limit)) {
            stopRequested.accept(limit);
            try {
                watchdog.execute(() -> {
                    try {
                        context.close(true);
                    } finally {
                        closedByStop.complete(null);
                    }
                });
            } catch (RejectedExecutionException sandboxClosed) {
                closedByStop.complete(null);
            }
        }
    }

    private void throwIfStopped() {
        Limit limit = stoppedBy.get();
        if (limit != null) {
            closedByStop.join(); // the context is closed when the host hears of it
            throw new ScriptStoppedException(limit, limits.reason(limit) + "; its context is closed");
        }
    }

    /**
     * Closes the context under the same limits as a guest call: GraalPy runs the script's
     * {@code atexit} handlers here, and one that never ends is stopped like a script (this then
     * throws {@link ScriptStoppedException}). Then ends the watchdog (its thread is joined).
     */
    @Override
    public void close() {
        try {
            if (stoppedBy.get() == null && !watchdog.isShutdown()) {
                withLimits(() -> {
                    context.close();
                    return null;
                });
            }
        } finally {
            endWatchdog();
        }
    }

    private void endWatchdog() {
        watchdog.shutdown();
        Thread thread = watchdogThread;
        boolean interrupted = false;
        while (thread != null && thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            context.close(); // closed already, unless the watchdog never ran (no call was made)
        } catch (PolyglotException e) {
            if (!e.isCancelled()) { // a stopped context is closed already; nothing else to do
                throw e;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the script's output with a line break if it does not end with one, so that the host's next line is a line of its own. */
    public void finishLine() throws IOException {
        if (lastByte != '\n') {
            lastTarget.write('\n');
            lastByte = '\n';
        }
        lastTarget.flush();
    }

    /** The last byte the script wrote, and where: {@link #finishLine} ends that line. */
    private volatile int lastByte = '\n';
    private volatile OutputStream lastTarget = OutputStream.nullOutputStream();

    /**
     * stdout or stderr of the script: it writes through until the two together pass the output
     * limit; the rest is dropped (after a line break, so that whatever the host prints next starts
     * on a line of its own) and the script is asked to stop.
     */

    private final class BoundedOutput extends OutputStream {
        private final OutputStream target;

        BoundedOutput(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            long room = limits.outputBytes() - printed.getAndAdd(length);
            if (room >= length) {
                written(bytes, offset, length);
                return;
            }
            if (room > 0) {
                written(bytes, offset, (int) room);
            }
            finishLine(); // also when the limit fell on the end of an earlier write
            stop(Limit.OUTPUT);
        }

        private void written(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                target.write(bytes, offset, length);
                lastByte = bytes[offset + length - 1];
                lastTarget = target;
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }

    /** A script passed a limit and was stopped; its context is closed. */
    public static final class ScriptStoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Limit limit;

        ScriptStoppedException(Limit limit, String message) {
            super(message);
            this.limit = limit;
        }

        /** Which limit the script passed. */
        public Limit limit() {
            return limit;
        }
    }
}
