package nodetojava;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import nodetojava.SandboxLimits.Limit;

/**
 * A JavaScript context that can reach only what this example exports: the {@link Calculator}
 * (as the global {@code calculator}) and, read-only, the files in its module folder. Every guest
 * call runs under three limits ({@link SandboxLimits}): time, output and heap. A script that passes
 * one is stopped, its context closed, and the host gets a {@link ScriptStoppedException} that
 * says which limit it passed; the host itself goes on. The stops are requests: the script stops at
 * its next safepoint, which a built-in running inside Java may never reach (SANDBOX.md: the walls
 * are the playground's {@link PlaygroundWall} and {@link ChildJvmSandbox}).
 */
public final class Sandbox implements AutoCloseable {
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
            task -> watchdogThread = Thread.ofPlatform().daemon().name("js-watchdog").unstarted(task));
    private volatile Thread watchdogThread;
    /** Told of each stop as soon as it is requested (the playground's wall), before the script has stopped. */
    private final Consumer<Limit> stopRequested;

    {
        watchdog.setRemoveOnCancelPolicy(true); // a call that ends in time leaves no timer behind
        watchdog.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public Sandbox(Path moduleFolder, SandboxLimits limits, OutputStream out, OutputStream err) {
        this(moduleFolder, limits, out, err, limit -> {});
    }

    /** The same, telling {@code stopRequested} of each stop as soon as it is requested. */
    public Sandbox(Path moduleFolder, SandboxLimits limits, OutputStream out, OutputStream err, Consumer<Limit> stopRequested) {
        this.limits = limits;
        this.stopRequested = stopRequested;
        this.context = secureBuilder(moduleFolder).out(new BoundedOutput(out)).err(new BoundedOutput(err)).build();
        context.getBindings("js").putMember("calculator", new Calculator());
    }

    /** A sandbox with the given time limit and the default output and heap limits. */
    public Sandbox(Path moduleFolder, Duration timeLimit, OutputStream out, OutputStream err) {
        this(moduleFolder, SandboxLimits.ofTime(timeLimit), out, err);
    }

    /**
     * The lesson's builder: every switch at its strictest ({@link #strictest}), plus the two things
     * the lesson needs and the {@link SandboxPolicy#CONSTRAINED} policy refuses, which is why the
     * policy is TRUSTED (the default, spelled out): a JS function passed where Java takes a
     * functional interface ({@code calculator.applyTwice(x => x * x, 3)}), and Node-style
     * {@code require()}. {@link #constrainedBuilder} is the same without those two, and CONSTRAINED
     * accepts it (SandboxTest builds it): GraalVM itself checks every other decision.
     */
    static Context.Builder secureBuilder(Path moduleFolder) {
        return strictest(Context.newBuilder("js").sandbox(SandboxPolicy.TRUSTED), moduleFolder)
                .allowHostAccess(HostAccess.EXPLICIT)               // CONSTRAINED's, plus JS functions as functional interfaces
                .allowExperimentalOptions(true)                     // the CommonJS options below are "experimental"
                .option("js.commonjs-require", "true")              // Node-style require(), module.exports
                .option("js.commonjs-require-cwd", moduleFolder.resolve("commonjs").toString())
                .option("js.esm-eval-returns-exports", "true");     // eval of an ES module returns its exports
    }

    /** The same switches under the CONSTRAINED policy, which checks them when the context is built. */
    static Context.Builder constrainedBuilder(Path moduleFolder) {
        return strictest(Context.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED), moduleFolder);
    }

    /** Every switch that decides what a script can reach, each at its strictest. */
    private static Context.Builder strictest(Context.Builder builder, Path moduleFolder) {
        ModuleFolderFileSystem files;
        try {
            files = new ModuleFolderFileSystem(moduleFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("the module folder " + moduleFolder + " does not exist; run `make` first", e);
        }
        return builder
                .allowAllAccess(false)                              // no blanket "allow everything"
                .allowHostAccess(HostAccess.CONSTRAINED)            // only @HostAccess.Export members of objects we hand over
                .allowHostClassLookup(className -> false)           // no Java.type(...): no Runtime, System, Class, Thread, Socket
                .allowHostClassLoading(false)                       // no loading of new Java classes or jars
                .allowIO(IOAccess.newBuilder().fileSystem(files).build()) // reads inside the module folder only
                .allowCreateThread(false)                           // a script cannot start threads
                .allowCreateProcess(false)                          // ... nor processes
                .allowNativeAccess(false)                           // ... nor call native code
                .allowEnvironmentAccess(EnvironmentAccess.NONE)     // ... nor read environment variables
                .allowPolyglotAccess(PolyglotAccess.NONE)           // ... nor evaluate other languages
                .useSystemExit(false);                              // ... nor end the JVM
    }

    /** Evaluates a source (a script or an ES module) under the limits. */
    public Value eval(Source source) {
        return withLimits(() -> context.eval(source));
    }

    /** Evaluates a line of JavaScript, e.g. {@code require('./main.js')}, under the limits. */
    public Value eval(String javaScript) {
        return eval(Source.create("js", javaScript));
    }

    /** The same as {@link #withLimits}: the name from when time was the only limit. */
    public <T> T withTimeLimit(Supplier<T> guestCode) {
        return withLimits(guestCode);
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

    /** Ends the watchdog (a stop under way finishes first: its thread is joined), then closes the context. */
    @Override
    public void close() {
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
            context.close();
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

    /** Ends the script's output with a line break if its last line has none: the host's next line is then a line of its own. */
    public void finishLine() throws IOException {
        if (lastByte != '\n') {
            lastTarget.write('\n');
            lastByte = '\n';
        }
        lastTarget.flush();
    }

    /** The last byte the script wrote, and to which stream: {@link #finishLine} ends that line. */
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
            finishLine(); // also when the limit fell exactly on the end of an earlier write
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
