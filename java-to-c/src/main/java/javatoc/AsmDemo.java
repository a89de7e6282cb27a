package javatoc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * For `make asm`: calls double_input through FFM, critical and regular, until the JIT compiles
 * both callers, so that -XX:+PrintAssembly shows the machine code of a Java-to-C call.
 */
public final class AsmDemo {
    private static final MemorySegment DOUBLE_INPUT = java.lang.foreign.SymbolLookup
            .libraryLookup(Path.of(System.getProperty("example.library")), Arena.global())
            .findOrThrow("double_input");
    private static final FunctionDescriptor INT_TO_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    // static final: a constant to the JIT, which can then compile the call down to its stub.
    private static final MethodHandle CRITICAL =
            Linker.nativeLinker().downcallHandle(DOUBLE_INPUT, INT_TO_INT, Linker.Option.critical(false));
    private static final MethodHandle REGULAR = Linker.nativeLinker().downcallHandle(DOUBLE_INPUT, INT_TO_INT);

    static int callCritical(int input) throws Throwable {
        return (int) CRITICAL.invokeExact(input);
    }

    static int callRegular(int input) throws Throwable {
        return (int) REGULAR.invokeExact(input);
    }

    public static void main(String[] args) throws Throwable {
        int sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += callCritical(i) + callRegular(i);
        }
        System.out.println(sum);
    }
}
