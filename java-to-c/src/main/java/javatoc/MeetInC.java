package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

/**
 * Are Java threads inside C at the same time? C's {@code meet_in_c} (threads.h) answers without
 * a clock: each caller waits in C for the others, so every caller sees them all only if no lock,
 * in the JVM or in the binding, kept one out while another was inside.
 */
public final class MeetInC {
    private MeetInC() {}

    /** How many of `threads` callers of meet each saw inside C at once: the fewest any of them saw. */
    public static int insideAtOnce(int threads, IntSupplier meet) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(pool.submit(meet::getAsInt));
            }
            int fewest = Integer.MAX_VALUE;
            for (Future<Integer> each : seen) {
                fewest = Math.min(fewest, each.get());
            }
            return fewest;
        }
    }

    /** meet_in_c through FFM; arrived is shared by the callers, so it lives in a shared arena. */
    public static IntSupplier ffm(Arena shared, int expected, int timeoutMs) {
        FfmExample.load(); // here, in the caller's thread: a missing library is a LibraryNotFoundException
        MemorySegment arrived = shared.allocate(JAVA_INT); // zeroed
        return () -> {
            try {
                return (int) Ffm.MEET_IN_C.invokeExact(arrived, expected, timeoutMs);
            } catch (Throwable t) {
                throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
            }
        };
    }

    /** meet_in_c through JNA's direct mapping; arrived is native memory JNA allocated. */
    public static IntSupplier jna(int expected, int timeoutMs) {
        registerJna();
        Memory arrived = new Memory(Integer.BYTES);
        arrived.setInt(0, 0);
        return () -> Jna.meet_in_c(arrived, expected, timeoutMs);
    }

    private static final class Ffm {
        static {
            FfmExample.load(); // loads libexample.so, whose symbols the lookup below finds
        }

        static final MethodHandle MEET_IN_C = Linker.nativeLinker().downcallHandle(SymbolLookup.loaderLookup()
                .findOrThrow("meet_in_c"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class Jna {
        static native int meet_in_c(Pointer arrived, int expected, int timeoutMs);
    }

    private static boolean jnaRegistered;

    /** Binds Jna's native method (once per JVM) from -Djna.library.path, as JnaDirectExample does. */
    private static synchronized void registerJna() {
        if (!jnaRegistered) {
            try {
                Native.register(Jna.class, "example");
            } catch (UnsatisfiedLinkError e) {
                throw new LibraryNotFoundException("example", "jna.library.path", e);
            }
            jnaRegistered = true;
        }
    }
}
