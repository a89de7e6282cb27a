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

    /** Doubler.doubleInput as a C function pointer, valid while the JVM runs (the global arena). */
    public static final MemorySegment DOUBLE_INPUT = upcall("doubleInput", Doubler.class);
    /** The same, guarded: an exception must not escape an upcall (the JVM would end). */
    public static final MemorySegment GUARDED_DOUBLE_INPUT = upcall("guardedDoubleInput", Upcalls.class);

    @SuppressWarnings("restricted") // Java trusts that C calls the stub with the declared signature
    private static MemorySegment upcall(String method, Class<?> owner) {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(owner, method, INT_TO_INT);
            return Linker.nativeLinker().upcallStub(target, INT_FUNCTION, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } catch (IllegalCallerException e) { // native access denied (--illegal-native-access=deny):
            // this runs as the class starts, before main could catch anything, so say it here.
            System.err.println("error: " + e.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
            throw e;
        }
    }

    /** What the guarded upcall caught, for Java to throw again once Rust has returned. */
    private static final ThreadLocal<RuntimeException> CAUGHT = new ThreadLocal<>();

    private static int guardedDoubleInput(int input) {
        try {
            return Doubler.doubleInput(input);
        } catch (RuntimeException e) {
            CAUGHT.set(e);
            return 0; // Rust gets a value and returns normally
        }
    }

    /** Rust's apply(function, input) with the guarded upcall: a Java exception comes back as itself. */
    public static int applyGuarded(int input) {
        int result = RustCalls.apply(GUARDED_DOUBLE_INPUT, input);
        RuntimeException caught = CAUGHT.get();
        if (caught != null) {
            CAUGHT.remove();
            throw caught;
        }
        return result;
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
            System.out.println("Rust calls Java through function pointers (FFM upcalls)");
            System.out.println("  apply(Doubler::doubleInput, 4): 4 * 2 = " + RustCalls.apply(DOUBLE_INPUT, 4));
            int[] values = {1, 2, 3, -5};
            System.out.println("  apply_to_each(" + Arrays.toString(values) + ", Doubler::doubleInput) = "
                    + Arrays.toString(applyToEach(values, DOUBLE_INPUT)));
            try {
                applyGuarded(2_000_000_000);
            } catch (ArithmeticException e) {
                System.out.println("  apply(guarded doubleInput, 2000000000): the upcall caught " + e
                        + ", Rust returned, Java threw it again");
            }
        } catch (ExceptionInInitializerError e) { // RustCalls's static block: the library is missing
            System.err.println("error: " + e.getCause().getMessage());
            System.exit(1);
        }
    }
}
