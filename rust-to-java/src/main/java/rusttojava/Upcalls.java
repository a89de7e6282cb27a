package rusttojava;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/** Rust calls Java through C function pointers that Java hands it: FFM upcall stubs. */
public final class Upcalls {
    private Upcalls() {}

    private static final MethodType INT_TO_INT = MethodType.methodType(int.class, int.class);
    /** {@code int32_t (*)(int32_t)}: the C function pointer type that Rust calls. */
    private static final FunctionDescriptor INT_FUNCTION = FunctionDescriptor.of(JAVA_INT, JAVA_INT);

    /** Doubler.doubleInput, and any IntUnaryOperator's applyAsInt: targets for {@link #upcall}. */
    static final MethodHandle DOUBLE_INPUT = find(Doubler.class, "doubleInput", false);
    private static final MethodHandle APPLY_AS_INT = find(IntUnaryOperator.class, "applyAsInt", true);

    /** target as a C function pointer {@code int32_t (*)(int32_t)}, valid until the arena closes. */
    @SuppressWarnings("restricted") // Java trusts that C calls the stub with the declared signature
    public static MemorySegment upcall(MethodHandle target, Arena arena) {
        return Linker.nativeLinker().upcallStub(target, INT_FUNCTION, arena);
    }

    /**
     * Rust's apply(function, input), with nothing thrown into Rust: an exception or an Error (a
     * StackOverflowError too) leaving an upcall ends the JVM. The upcall catches any Throwable and
     * returns 0; once Rust has returned, Java throws it again. Each call has its own stub and its own
     * record of what was caught, so nothing is left over for a later call.
     */
    public static int applyGuarded(IntUnaryOperator function, int input) {
        Throwable[] caught = new Throwable[1];
        IntUnaryOperator guarded = value -> {
            try {
                return function.applyAsInt(value);
            } catch (Throwable t) {
                caught[0] = t;
                return 0; // Rust gets a value and returns normally
            }
        };
        try (Arena arena = Arena.ofConfined()) {
            int result = RustCalls.apply(upcall(APPLY_AS_INT.bindTo(guarded), arena), input);
            if (caught[0] instanceof RuntimeException e) throw e;
            if (caught[0] instanceof Error e) throw e;
            if (caught[0] != null) throw new IllegalStateException(caught[0]); // a checked one, thrown sneakily
            return result;
        }
    }

    /** Rust's apply_to_each over a copy of {@code values} in native memory. */
    public static int[] applyToEach(int[] values, MemorySegment function) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocateFrom(JAVA_INT, values);
            RustCalls.applyToEach(array, values.length, function);
            return array.toArray(JAVA_INT);
        }
    }

    public static void main(String[] args) {
        try {
            MemorySegment doubleInput = upcall(DOUBLE_INPUT, Arena.global()); // valid while the JVM runs
            System.out.println("Rust calls Java through function pointers (FFM upcalls)");
            System.out.println("  apply(Doubler::doubleInput, 4): 4 * 2 = " + RustCalls.apply(doubleInput, 4));
            int[] values = {1, 2, 3, -5};
            System.out.println("  apply_to_each(" + Arrays.toString(values) + ", Doubler::doubleInput) = "
                    + Arrays.toString(applyToEach(values, doubleInput)));
            try {
                applyGuarded(Doubler::doubleInput, 2_000_000_000);
            } catch (ArithmeticException e) {
                System.out.println("  apply(guarded doubleInput, 2000000000): the upcall caught " + e
                        + ", Rust returned, Java threw it again");
            }
        } catch (IllegalCallerException e) { // native access denied (--illegal-native-access=deny)
            System.err.println("error: " + e.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
        } catch (ExceptionInInitializerError e) { // RustCalls's static block: the library is missing
            System.err.println("error: " + e.getCause().getMessage());
            System.exit(1);
        }
    }

    private static MethodHandle find(Class<?> owner, String name, boolean virtual) {
        try {
            return virtual ? MethodHandles.publicLookup().findVirtual(owner, name, INT_TO_INT)
                    : MethodHandles.lookup().findStatic(owner, name, INT_TO_INT);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // both methods exist: it cannot happen
        }
    }
}
