package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * C calls Java from a thread that C created. The JVM has never seen that thread: the upcall stub
 * attaches it by itself, as a daemon, at its first upcall, and it stays attached until it ends.
 */
@SuppressWarnings("restricted") // upcalls, downcalls, loading a library: run with --enable-native-access
public final class UpcallThreads {
    private UpcallThreads() {}

    /** The Java thread each upcall ran on, in order. */
    static final List<Thread> RAN_ON = Collections.synchronizedList(new ArrayList<>());

    /** The upcall's target: Doubler.doubleInput, remembering which Java thread it ran on. */
    static int doubleInputNoting(int value) {
        RAN_ON.add(Thread.currentThread());
        return Doubler.doubleInput(value);
    }

    static final MethodHandle DOUBLE_INPUT_NOTING = findDoubleInputNoting();

    /** int apply_on_new_thread(int32_t (*function)(int32_t), int32_t value, int32_t times, int32_t *result),
     *  from libcallbacks.so, which must be loaded first. */
    static MethodHandle applyOnNewThread() {
        return Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup().findOrThrow("apply_on_new_thread"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** function(value), `times` times, on a thread C starts for it; the last result. */
    static int onNewThread(MethodHandle applyOnNewThread, MemorySegment function, int value, int times) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = arena.allocate(JAVA_INT);
            int error = (int) applyOnNewThread.invokeExact(function, value, times, result);
            if (error != 0) throw new IllegalStateException("pthread_create failed: error number " + error);
            return result.get(JAVA_INT, 0);
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 0) {
            System.err.println("error: unknown arguments " + List.of(args) + "; usage: java ... ctojava.UpcallThreads");
            System.exit(2);
        }
        FfmCallbacks.loadLibrary(); // or one line saying how to fix it
        MethodHandle applyOnNewThread = applyOnNewThread();
        MethodHandle apply = Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup().findOrThrow("apply"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        System.out.println("FFM upcalls from a thread C created: the JVM attaches it by itself");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = FfmCallbacks.intFunctionPointer(DOUBLE_INPUT_NOTING, arena);
            int doubled = onNewThread(applyOnNewThread, function, 21, 3);
            Thread first = RAN_ON.getFirst();
            System.out.println("  apply_on_new_thread(doubleInput, 21, 3 times) = " + doubled + "; the upcalls ran on "
                    + (RAN_ON.stream().allMatch(thread -> thread == first) ? "one Java thread" : "several Java threads")
                    + ", attached at the first");
            System.out.println("  Java sees it as \"" + first.getName() + "\", daemon: " + first.isDaemon()
                    + "; once C has joined it, isAlive() = " + first.isAlive() + " (detached as it ended)");
            RAN_ON.clear();
            onNewThread(applyOnNewThread, function, 21, 1);
            System.out.println("  another C thread: another Java thread, \"" + RAN_ON.getFirst().getName() + "\"");
            RAN_ON.clear();
            doubled = (int) apply.invokeExact(function, 21);
            System.out.println("  apply(doubleInput, 21) = " + doubled + " from Java's own thread runs on \""
                    + RAN_ON.getFirst().getName() + "\": nothing to attach");
        }
    }

    private static MethodHandle findDoubleInputNoting() {
        try {
            return MethodHandles.lookup().findStatic(UpcallThreads.class, "doubleInputNoting",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the method is right above: it cannot happen
        }
    }
}
