package javatoc.tarball;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** WasmSandboxTest's child JVM: deliberate_bug.c's wild write, called through FFM. It should never print. */
public final class DeliberateBugThroughFfm {
    private DeliberateBugThroughFfm() {}

    public static void main(String[] args) throws Throwable {
        SymbolLookup library = SymbolLookup.libraryLookup(Path.of(args[0]), Arena.global());
        MethodHandle bug = Linker.nativeLinker().downcallHandle(library.findOrThrow("deliberate_out_of_bounds_write"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        int result = (int) bug.invokeExact();
        System.out.println("the JVM survived the wild write: " + result);
    }
}
