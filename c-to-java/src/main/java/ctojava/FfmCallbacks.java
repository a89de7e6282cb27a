package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;

/**
 * C calls Java through FFM upcall stubs: a C function pointer whose target is a Java method.
 * {@code --unguarded} lets an exception escape an upcall, to see that it ends the JVM.
 */
@SuppressWarnings("restricted") // upcalls, downcalls, loading a library: run with --enable-native-access
public final class FfmCallbacks {
    private static final Linker LINKER = Linker.nativeLinker();
    /** C's size_t as this platform has it (8 bytes on 64-bit Linux, not everywhere). */
    private static final ValueLayout SIZE_T = (ValueLayout) LINKER.canonicalLayouts().get("size_t");

    static final MethodHandle DOUBLE_INPUT = findStatic(Doubler.class, "doubleInput",
            MethodType.methodType(int.class, int.class));
    static final MethodHandle COMPARE_INTS = findStatic(FfmCallbacks.class, "compareInts",
            MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));

    /** A C function pointer int32_t (*)(int32_t) to target: an upcall stub, valid until the arena closes. */
    static MemorySegment intFunctionPointer(MethodHandle target, Arena arena) {
        return LINKER.upcallStub(target, FunctionDescriptor.of(JAVA_INT, JAVA_INT), arena);
    }

    /** qsort's comparator: it gets two pointers into the array being sorted. */
    static int compareInts(MemorySegment a, MemorySegment b) {
        // A pointer from C has size 0 (FFM cannot know what it points to): say it is one int.
        return Integer.compare(a.reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0),
                               b.reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0));
    }

    /** Loads libcallbacks.so for FFM's loaderLookup(), or exits with one line saying how to fix it. */
    static void loadLibrary() {
        try {
            System.loadLibrary("callbacks"); // libcallbacks.so, from a folder of -Djava.library.path
        } catch (UnsatisfiedLinkError e) {
            System.err.println("error: libcallbacks.so could not be loaded from -Djava.library.path="
                    + System.getProperty("java.library.path") + ": build it with `make` in c-to-java/ (it goes to target/native/)");
            System.exit(1);
        } catch (IllegalCallerException e) { // native access denied: --illegal-native-access=deny
            System.err.println("error: " + e.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
        }
    }

    public static void main(String[] args) throws Throwable {
        boolean unguarded = List.of(args).equals(List.of("--unguarded"));
        if (args.length > 0 && !unguarded) {
            System.err.println("error: unknown arguments " + List.of(args) + "; usage: java ... ctojava.FfmCallbacks [--unguarded]");
            System.exit(2);
        }
        loadLibrary();
        System.out.println("FFM upcalls: C calls Java through a function pointer");
        // int32_t apply(int32_t (*function)(int32_t), int32_t value), from the library loaded above
        MethodHandle apply = LINKER.downcallHandle(SymbolLookup.loaderLookup().findOrThrow("apply"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        // void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
        MethodHandle qsort = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("qsort"),
                FunctionDescriptor.ofVoid(ADDRESS, SIZE_T, SIZE_T, ADDRESS));

        try (Arena arena = Arena.ofConfined()) {
            MemorySegment doubleInputPointer = intFunctionPointer(DOUBLE_INPUT, arena);
            System.out.println("  apply(doubleInput, 4): 4 * 2 = " + (int) apply.invokeExact(doubleInputPointer, 4));

            MemorySegment comparePointer = LINKER.upcallStub(COMPARE_INTS,
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), arena);
            int[] numbers = {5, 3, 9, 1, 7};
            MemorySegment array = arena.allocateFrom(JAVA_INT, numbers);
            qsort.invokeExact(array, (long) numbers.length, JAVA_INT.byteSize(), comparePointer); // long: size_t's carrier here
            System.out.println("  qsort(" + Arrays.toString(numbers) + ", compareInts) = "
                    + Arrays.toString(array.toArray(JAVA_INT)));

            // An exception must not leave an upcall: the JVM would end the process. So the upcall
            // catches it, returns a harmless value to C, and Java throws it again once C has returned.
            if (unguarded) {
                int unreachable = (int) apply.invokeExact(doubleInputPointer, 2_000_000_000);
                System.out.println("  not printed: the JVM has ended before this line (" + unreachable + ")");
            }
            GuardedIntFunction guarded = new GuardedIntFunction(Doubler::doubleInput);
            MemorySegment guardedPointer = intFunctionPointer(GuardedIntFunction.HANDLE.bindTo(guarded), arena);
            try {
                int result = (int) apply.invokeExact(guardedPointer, 2_000_000_000);
                guarded.rethrowIfFailed();
                System.out.println("  not printed: the upcall threw (" + result + ")");
            } catch (ArithmeticException e) {
                System.out.println("  apply(guarded doubleInput, 2000000000): the upcall caught " + e
                        + ", C returned, Java threw it again");
            }
        } // The arena closes: the stubs are freed, and C must not call them any more.
    }

    private static MethodHandle findStatic(Class<?> owner, String name, MethodType type) {
        try {
            return MethodHandles.lookup().findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the methods are in this example: it cannot happen
        }
    }
}
