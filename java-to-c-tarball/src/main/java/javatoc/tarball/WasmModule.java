package javatoc.tarball;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * tarball.wasm (tarball.c built by `make` with clang for wasm32-wasi) and how to make an instance
 * of it. Two engines run the same module: the class Chicory's Maven plugin generated from it at
 * build time (JVM bytecode, loads in milliseconds) or Chicory's interpreter.
 */
final class WasmModule {
    private WasmModule() {}

    /** Each instance's memory may grow to this many 64 KiB pages (512 MiB): what one archive, and C's copy of it, can take. */
    static final int MAX_PAGES = Integer.getInteger("tarball.wasm.maxPages", 8192);

    /** Parsed once; instances share it. */
    private static final com.dylibso.chicory.wasm.WasmModule INTERPRETED = parse();

    private static com.dylibso.chicory.wasm.WasmModule parse() {
        try (InputStream in = WasmModule.class.getResourceAsStream("tarball.wasm")) {
            if (in == null) {
                throw new IllegalStateException("tarball.wasm is not on the class path: build it with `make`"
                        + " (it needs clang, lld and wasi-libc)");
            }
            return Parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class Chicory's plugin generates (javatoc.tarball.TarballModule, when `make` built
     * tarball.wasm): its load() gives the module, its create(Instance) the compiled machine.
     * Looked up by name so that this folder still builds where the wasm toolchain is missing.
     */
    private static final MethodHandle COMPILED_LOAD = compiled("load", MethodType.methodType(com.dylibso.chicory.wasm.WasmModule.class));
    private static final MethodHandle COMPILED_CREATE = compiled("create", MethodType.methodType(Machine.class, Instance.class));

    private static MethodHandle compiled(String method, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(Class.forName("javatoc.tarball.TarballModule"), method, type);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** A fresh instance, its memory capped, its C runtime initialized; about a millisecond. */
    static Instance instantiate(TarReader.Engine engine, int maxPages) {
        if (engine == TarReader.Engine.WASM && COMPILED_LOAD == null) {
            throw new IllegalStateException("the compiled wasm engine (javatoc.tarball.TarballModule) is not on the class path:"
                    + " build it with `make` (it needs clang, lld and wasi-libc)");
        }
        var builder = Instance.builder(engine == TarReader.Engine.WASM ? compiledModule() : INTERPRETED)
                .withImportValues(ImportValues.builder().addFunction(wasi("fd_write", 4), wasi("fd_seek", 5), wasi("fd_close", 1)).build())
                .withMemoryLimits(new MemoryLimits(initialPages(), maxPages))
                .withMemoryFactory(PagedMemory::new); // Chicory's layout, plus copying out in one copy (PagedMemory)
        if (engine == TarReader.Engine.WASM) {
            builder = builder.withMachineFactory(WasmModule::compiledMachine);
        }
        Instance instance = builder.build();
        instance.export("_initialize").apply(); // a reactor module: its C runtime starts here (Chicory does not call it)
        return instance;
    }

    private static com.dylibso.chicory.wasm.WasmModule compiledModule() {
        try {
            return (com.dylibso.chicory.wasm.WasmModule) COMPILED_LOAD.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Machine compiledMachine(Instance instance) {
        try {
            return (Machine) COMPILED_CREATE.invokeExact(instance);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int initialPages() {
        return INTERPRETED.memorySection().orElseThrow().getMemory(0).limits().initialPages();
    }

    /**
     * The module imports three WASI calls that only printf's code paths use (tarball.c never
     * prints): each returns 52 (ENOSYS), so the module needs no file system, no clock, nothing.
     */
    private static HostFunction wasi(String name, int parameters) {
        List<ValType> params = java.util.Collections.nCopies(parameters, ValType.I32);
        if (name.equals("fd_seek")) {
            params = List.of(ValType.I32, ValType.I64, ValType.I32, ValType.I32);
        }
        return new HostFunction("wasi_snapshot_preview1", name, FunctionType.of(params, List.of(ValType.I32)),
                (instance, args) -> new long[] {52});
    }
}
