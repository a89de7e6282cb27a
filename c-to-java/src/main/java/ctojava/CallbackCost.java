package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.sun.jna.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What one call from C into Java costs through a function pointer, timed by a C loop
 * ({@code ns_per_call} in call_cost.c): an FFM upcall stub, a JNA callback, and, as the baseline
 * in the same process, C's own function.
 *
 * <pre>java ... ctojava.CallbackCost C_CALLS FFM_CALLS JNA_CALLS ROUNDS</pre>
 * prints {@code name<TAB>mean ns per call<TAB>half the spread} for c, ffm and jna.
 */
public final class CallbackCost {
    static int doubleInput(int value) {
        return value * 2; // the same work as c_double_input
    }

    /** The JNA callback: a static field keeps it strongly reachable for as long as C may call it. */
    static final JnaCallbacks.Callbacks.IntFunction JNA_DOUBLE_INPUT = CallbackCost::doubleInput;

    interface Round {
        double nsPerCall() throws Throwable;
    }

    /** One warm-up round (the JIT compiles the callback), then `rounds` measured ones. */
    static void measure(String name, int rounds, Round round) throws Throwable {
        round.nsPerCall();
        double sum = 0, min = Double.MAX_VALUE, max = 0;
        for (int i = 0; i < rounds; i++) {
            double ns = round.nsPerCall();
            sum += ns;
            min = Math.min(min, ns);
            max = Math.max(max, ns);
        }
        System.out.printf("%s\t%.3f\t%.3f%n", name, sum / rounds, (max - min) / 2);
    }

    public static void main(String[] args) throws Throwable {
        long cCalls = Long.parseLong(args[0]), ffmCalls = Long.parseLong(args[1]), jnaCalls = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup library = SymbolLookup.libraryLookup(CallbackLibrary.path(), arena);
            // double ns_per_call(int32_t (*function)(int32_t), int64_t calls)
            MethodHandle nsPerCall = linker.downcallHandle(library.findOrThrow("ns_per_call"),
                    FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_LONG));
            MemorySegment cFunction = library.findOrThrow("c_double_input");
            MemorySegment upcall = linker.upcallStub(
                    MethodHandles.lookup().findStatic(CallbackCost.class, "doubleInput",
                            MethodType.methodType(int.class, int.class)),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT), arena);
            JnaCallbacks.Callbacks jna = Native.load("callbacks", JnaCallbacks.Callbacks.class);

            measure("c", rounds, () -> (double) nsPerCall.invokeExact(cFunction, cCalls));
            measure("ffm", rounds, () -> (double) nsPerCall.invokeExact(upcall, ffmCalls));
            measure("jna", rounds, () -> jna.ns_per_call(JNA_DOUBLE_INPUT, jnaCalls));
        }
    }
}
