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

/** Rust calls Java through C function pointers that Java hands it: FFM upcall stubs. */
public final class Upcalls {
    private Upcalls() {}

    private static final MethodType INT_TO_INT = MethodType.methodType(int.class, int.class);
    /** {@code int32_t (*)(int32_t)}: the C function pointer type that Rust calls. */
    private static final FunctionDescriptor INT_FUNCTION = FunctionDescriptor.of(JAVA_INT, JAVA_INT);

    /** Doubler.doubleInput, a target for {@link #upcall}. */
    static final MethodHandle DOUBLE_INPUT = findDoubleInput();

    /** target as a C function pointer {@code int32_t (*)(int32_t)}, valid until the arena closes. */
    @SuppressWarnings("restricted") // Java trusts that C calls the stub with the declared signature
    public static MemorySegment upcall(MethodHandle target, Arena arena) {
        return Linker.nativeLinker().upcallStub(target, INT_FUNCTION, arena);
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
            GuardedUpcall guarded = new GuardedUpcall(Doubler::doubleInput, Arena.global());
            try {
                guarded.call(pointer -> RustCalls.apply(pointer, 2_000_000_000));
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

    private static MethodHandle findDoubleInput() {
        try {
            return MethodHandles.lookup().findStatic(Doubler.class, "doubleInput", INT_TO_INT);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the method exists: it cannot happen
        }
    }
}
