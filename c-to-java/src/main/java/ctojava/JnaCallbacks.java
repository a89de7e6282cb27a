package ctojava;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.List;

/**
 * C calls Java through JNA callbacks: a Java object implementing a {@link Callback} interface,
 * which JNA turns into a C function pointer. {@code --unguarded} lets an exception escape one.
 */
public final class JnaCallbacks {
    /** The C library's functions, declared as Java methods. */
    public interface Callbacks extends Library {
        /** int32_t (*)(int32_t): a Callback interface with exactly one method. */
        interface IntFunction extends Callback {
            int invoke(int value);
        }

        int apply(IntFunction function, int value);
    }

    /** libc's qsort, with its comparator. */
    public interface LibC extends Library {
        interface Comparator extends Callback {
            int invoke(Pointer a, Pointer b);
        }

        void qsort(int[] base, long count, long size, Comparator compare); // size_t: long on 64-bit Linux
    }

    // Static fields keep the callbacks strongly reachable: JNA frees a callback's C function
    // pointer when its Java object is garbage-collected, and C calling it afterwards crashes.
    // Here C uses them only during the call, but a C library that stores a callback (to call it
    // later, from another call or thread) needs its Java object kept alive for as long as that.
    static final Callbacks.IntFunction DOUBLE_INPUT = Doubler::doubleInput;
    static final LibC.Comparator COMPARE_INTS = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));

    public static void main(String[] args) {
        boolean unguarded = List.of(args).equals(List.of("--unguarded"));
        if (args.length > 0 && !unguarded) {
            System.err.println("error: unknown arguments " + List.of(args) + "; usage: java ... ctojava.JnaCallbacks [--unguarded]");
            System.exit(2);
        }
        Callbacks callbacks;
        try {
            callbacks = Native.load("callbacks", Callbacks.class);
        } catch (UnsatisfiedLinkError e) {
            System.err.println("error: libcallbacks.so could not be loaded from -Djna.library.path="
                    + System.getProperty("jna.library.path", "(not set)") + ": build it with `make` in c-to-java/ (it goes to target/native/)");
            System.exit(1);
            return;
        } catch (ExceptionInInitializerError e) { // JNA's static initialiser: native access denied
            if (!(e.getCause() instanceof IllegalCallerException denied)) throw e;
            System.err.println("error: " + denied.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
            return;
        }
        System.out.println("JNA callbacks: C calls Java through a function pointer");
        LibC libc = Native.load("c", LibC.class);

        System.out.println("  apply(doubleInput, 4): 4 * 2 = " + callbacks.apply(DOUBLE_INPUT, 4));

        int[] numbers = {5, 3, 9, 1, 7};
        int[] sorted = numbers.clone(); // JNA copies the array to C memory and back after the call
        libc.qsort(sorted, sorted.length, Integer.BYTES, COMPARE_INTS);
        System.out.println("  qsort(" + Arrays.toString(numbers) + ", compareInts) = " + Arrays.toString(sorted));

        // JNA catches an exception that leaves a callback itself: it hands it to
        // Native.getCallbackExceptionHandler() (by default: printed on stderr) and returns 0 to C.
        // The Java caller never learns of it. So the same pattern as with FFM: catch, return, rethrow.
        if (unguarded) {
            System.out.println("  apply(doubleInput, 2000000000) = " + callbacks.apply(DOUBLE_INPUT, 2_000_000_000)
                    + "  (the exception went to JNA's handler, not to us)");
        }
        GuardedIntFunction guarded = new GuardedIntFunction(Doubler::doubleInput);
        Callbacks.IntFunction guardedCallback = guarded::apply;
        try {
            int result = callbacks.apply(guardedCallback, 2_000_000_000);
            guarded.rethrowIfFailed();
            System.out.println("  not printed: the callback threw (" + result + ")");
        } catch (ArithmeticException e) {
            System.out.println("  apply(guarded doubleInput, 2000000000): the callback caught " + e
                    + ", C returned, Java threw it again");
        }
    }
}
