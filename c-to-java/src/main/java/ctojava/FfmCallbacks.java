package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * C calls Java through FFM upcall stubs: a C function pointer whose target is a Java method.
 * {@code --unguarded} lets an exception escape an upcall, to see that it ends the JVM.
 */
public final class FfmCallbacks {
    private static final Linker LINKER = Linker.nativeLinker();

    static int doubleInput(int value) {
        return Math.multiplyExact(value, 2); // ArithmeticException on overflow
    }

    /** qsort's comparator: it gets two pointers into the array being sorted. */
    static int compareInts(MemorySegment a, MemorySegment b) {
        // A pointer from C has size 0 (FFM cannot know what it points to): say it is one int.
        return Integer.compare(a.reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0),
                               b.reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0));
    }

    public static void main(String[] args) throws Throwable {
        boolean unguarded = Arrays.asList(args).contains("--unguarded");
        Path library;
        try {
            library = CallbackLibrary.path();
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("FFM upcalls: C calls Java through a function pointer");
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup callbacks = SymbolLookup.libraryLookup(library, arena);
            // int32_t apply(int32_t (*function)(int32_t), int32_t value)
            MethodHandle apply = LINKER.downcallHandle(callbacks.findOrThrow("apply"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
            // void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
            MethodHandle qsort = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("qsort"),
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));

            // The upcall stub: a C function pointer to doubleInput, valid until the arena closes.
            MethodHandle doubleInput = MethodHandles.lookup().findStatic(FfmCallbacks.class, "doubleInput",
                    MethodType.methodType(int.class, int.class));
            MemorySegment doubleInputPointer = LINKER.upcallStub(doubleInput,
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT), arena);
            System.out.println("  apply(doubleInput, 4): 4 * 2 = " + (int) apply.invokeExact(doubleInputPointer, 4));

            MethodHandle compareInts = MethodHandles.lookup().findStatic(FfmCallbacks.class, "compareInts",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment comparePointer = LINKER.upcallStub(compareInts,
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), arena);
            int[] numbers = {5, 3, 9, 1, 7};
            MemorySegment array = arena.allocateFrom(JAVA_INT, numbers);
            qsort.invokeExact(array, (long) numbers.length, JAVA_INT.byteSize(), comparePointer);
            System.out.println("  qsort(" + Arrays.toString(numbers) + ", compareInts) = "
                    + Arrays.toString(array.toArray(JAVA_INT)));

            // An exception must not leave an upcall: the JVM would end the process. So the upcall
            // catches it, returns a harmless value to C, and Java throws it again once C has returned.
            if (unguarded) {
                int unreachable = (int) apply.invokeExact(doubleInputPointer, 2_000_000_000);
                System.out.println("  not printed: the JVM has ended before this line (" + unreachable + ")");
            }
            GuardedIntFunction guarded = new GuardedIntFunction(FfmCallbacks::doubleInput);
            MemorySegment guardedPointer = LINKER.upcallStub(GuardedIntFunction.HANDLE.bindTo(guarded),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT), arena);
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
}
