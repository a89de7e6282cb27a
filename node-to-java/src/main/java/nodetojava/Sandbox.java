package nodetojava;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A JavaScript context that can reach only what this example exports: the {@link Calculator}
 * (as the global {@code calculator}) and, read-only, the files in its module folder. Every guest
 * call runs under a time limit; a script that runs longer is stopped and its context closed.
 */
public final class Sandbox implements AutoCloseable {
    private final Context context;
    private final Duration timeLimit;
    private volatile boolean stopped;

    public Sandbox(Path moduleFolder, Duration timeLimit, OutputStream out, OutputStream err) {
        this.context = secureBuilder(moduleFolder).out(out).err(err).build();
        this.timeLimit = timeLimit;
        context.getBindings("js").putMember("calculator", new Calculator());
    }

    /**
     * Every host-access switch, set to the safe value (most are the defaults of
     * {@code Context.newBuilder}; they are spelled out so that a reader sees each decision).
     */
    static Context.Builder secureBuilder(Path moduleFolder) {
        ModuleFolderFileSystem files;
        try {
            files = new ModuleFolderFileSystem(moduleFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("the module folder " + moduleFolder + " does not exist; run `make` first", e);
        }
        return Context.newBuilder("js")
                .allowAllAccess(false)                              // no blanket "allow everything"
                .allowHostAccess(HostAccess.EXPLICIT)               // only @HostAccess.Export members of objects we hand over
                .allowHostClassLookup(className -> false)           // no Java.type(...): no Runtime, System, Class, Thread, Socket
                .allowHostClassLoading(false)                       // no loading of new Java classes or jars
                .allowIO(IOAccess.newBuilder().fileSystem(files).build()) // reads inside the module folder only
                .allowCreateThread(false)                           // a script cannot start threads
                .allowCreateProcess(false)                          // ... nor processes
                .allowNativeAccess(false)                           // ... nor call native code
                .allowEnvironmentAccess(EnvironmentAccess.NONE)     // ... nor read environment variables
                .allowPolyglotAccess(PolyglotAccess.NONE)           // ... nor evaluate other languages
                .allowExperimentalOptions(true)                     // the CommonJS options below are "experimental"
                .option("js.commonjs-require", "true")              // Node-style require(), module.exports
                .option("js.commonjs-require-cwd", moduleFolder.resolve("commonjs").toString())
                .option("js.esm-eval-returns-exports", "true");     // eval of an ES module returns its exports
    }

    /** Evaluates a source (a script or an ES module) under the time limit. */
    public Value eval(Source source) {
        return withTimeLimit(() -> context.eval(source));
    }

    /** Evaluates a line of JavaScript, e.g. {@code require('./main.js')}, under the time limit. */
    public Value eval(String javaScript) {
        return eval(Source.create("js", javaScript));
    }

    /**
     * Runs guest code, and stops it if it runs longer than the time limit: a watchdog thread
     * waits for the limit and then closes the context with {@code cancelIfExecuting = true},
     * which makes the running script throw a cancelled {@link PolyglotException}. The watchdog
     * always ends before this method returns, so nothing is left running.
     */
    public <T> T withTimeLimit(Supplier<T> guestCode) {
        if (stopped) {
            throw new IllegalStateException("this sandbox stopped a runaway script and is closed; create a new one");
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread watchdog = Thread.ofPlatform().daemon().name("js-watchdog").start(() -> {
            try {
                if (!finished.await(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                    context.close(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            return guestCode.get();
        } catch (PolyglotException e) {
            if (e.isCancelled()) {
                stopped = true;
                throw new ScriptStoppedException(timeLimit);
            }
            throw e;
        } finally {
            finished.countDown();
            joinQuietly(watchdog);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (PolyglotException e) {
            if (!e.isCancelled()) { // a stopped context is closed already; nothing else to do
                throw e;
            }
        }
    }

    /** A script ran longer than the time limit and was stopped; its context is closed. */
    public static final class ScriptStoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScriptStoppedException(Duration limit) {
            super("the script ran longer than " + limit.toSeconds() + " s and was stopped (a loop that never ends?);"
                    + " its context is closed");
        }
    }
}
