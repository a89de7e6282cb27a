package rusttojava;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rust calls Java from a thread that Rust spawned. The JVM has never seen that thread: the upcall
 * stub attaches it by itself, as a daemon, at its first upcall, and it stays attached until it ends.
 */
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

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("error: unknown arguments " + List.of(args) + "; usage: java ... rusttojava.UpcallThreads");
            System.exit(2);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = Upcalls.upcall(DOUBLE_INPUT_NOTING, arena);
            System.out.println("FFM upcalls from a thread Rust spawned: the JVM attaches it by itself");
            int doubled = RustCalls.applyOnNewThread(function, 21, 3);
            Thread first = RAN_ON.getFirst();
            System.out.println("  apply_on_new_thread(doubleInput, 21, 3 times) = " + doubled + "; the upcalls ran on "
                    + (RAN_ON.stream().allMatch(thread -> thread == first) ? "one Java thread" : "several Java threads")
                    + ", attached at the first");
            System.out.println("  Java sees it as \"" + first.getName() + "\", daemon: " + first.isDaemon()
                    + "; once Rust has joined it, isAlive() = " + first.isAlive() + " (detached as it ended)");
            RAN_ON.clear();
            RustCalls.applyOnNewThread(function, 21, 1);
            System.out.println("  another Rust thread: another Java thread, \"" + RAN_ON.getFirst().getName() + "\"");
            RAN_ON.clear();
            doubled = RustCalls.apply(function, 21);
            System.out.println("  apply(doubleInput, 21) = " + doubled + " from Java's own thread runs on \""
                    + RAN_ON.getFirst().getName() + "\": nothing to attach");
        } catch (IllegalCallerException e) { // native access denied (--illegal-native-access=deny)
            System.err.println("error: " + e.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
        } catch (ExceptionInInitializerError e) { // RustCalls's static block: the library is missing
            System.err.println("error: " + e.getCause().getMessage());
            System.exit(1);
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
