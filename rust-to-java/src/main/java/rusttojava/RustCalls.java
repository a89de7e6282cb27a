package rusttojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * librustcalls.so's functions, in the shape jextract generates: a static final descriptor and
 * downcall handle for each (the JIT folds a constant handle into the call).
 */
@SuppressWarnings("restricted") // loading a library and linking a function: Java trusts the signature
public final class RustCalls {
    private RustCalls() {}

    static {
        try {
            System.loadLibrary("rustcalls"); // from -Djava.library.path
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException(System.mapLibraryName("rustcalls") + " could not be loaded from -Djava.library.path="
                    + System.getProperty("java.library.path") + ": build it with `make` in rust-to-java/"
                    + " (cargo puts it in target/cargo/release/) and pass that folder", e);
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup SYMBOLS = SymbolLookup.loaderLookup();
    /** C's size_t (Rust's usize) as this platform has it: 8 bytes here, but not everywhere. */
    static final ValueLayout SIZE_T = (ValueLayout) LINKER.canonicalLayouts().get("size_t");

    /** {@code int32_t apply(int32_t (*function)(int32_t), int32_t input);} */
    static final MethodHandle APPLY = LINKER.downcallHandle(SYMBOLS.findOrThrow("apply"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    /** {@code void apply_to_each(int32_t *values, size_t length, int32_t (*function)(int32_t));} */
    static final MethodHandle APPLY_TO_EACH = LINKER.downcallHandle(SYMBOLS.findOrThrow("apply_to_each"),
            FunctionDescriptor.ofVoid(ADDRESS, SIZE_T, ADDRESS));

    /** {@code int32_t apply_on_new_thread(int32_t (*function)(int32_t), int32_t input, int32_t times);} */
    static final MethodHandle APPLY_ON_NEW_THREAD = LINKER.downcallHandle(SYMBOLS.findOrThrow("apply_on_new_thread"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    /** The address of Rust's own {@code double_input}: a Rust function pointer, for comparison. */
    public static final MemorySegment RUST_DOUBLE_INPUT = SYMBOLS.findOrThrow("double_input");

    public static int apply(MemorySegment function, int input) {
        try {
            return (int) APPLY.invokeExact(function, input);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int applyOnNewThread(MemorySegment function, int input, int times) {
        try {
            return (int) APPLY_ON_NEW_THREAD.invokeExact(function, input, times);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void applyToEach(MemorySegment values, long length, MemorySegment function) {
        try { // length: a long is size_t's carrier on 64-bit platforms, the ones this example builds on
            APPLY_TO_EACH.invokeExact(values, length, function);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code Bytes *bytes_new(size_t size);} and {@code void bytes_free(Bytes *bytes);} */
    static final MethodHandle BYTES_NEW = LINKER.downcallHandle(SYMBOLS.findOrThrow("bytes_new"),
            FunctionDescriptor.of(ADDRESS, SIZE_T));
    static final MethodHandle BYTES_FREE = LINKER.downcallHandle(SYMBOLS.findOrThrow("bytes_free"),
            FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code bool bytes_pattern(Bytes *bytes, size_t length, uint8_t seed);} */
    static final MethodHandle BYTES_PATTERN = LINKER.downcallHandle(SYMBOLS.findOrThrow("bytes_pattern"),
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, SIZE_T, JAVA_BYTE));
    /** {@code uint64_t bytes_checksum(Bytes *bytes, size_t length);} */
    static final MethodHandle BYTES_CHECKSUM = LINKER.downcallHandle(SYMBOLS.findOrThrow("bytes_checksum"),
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T));
    /** {@code bool bytes_lend(Bytes *bytes, size_t length, void (*function)(uint8_t *data, size_t length));} */
    static final MethodHandle BYTES_LEND = LINKER.downcallHandle(SYMBOLS.findOrThrow("bytes_lend"),
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, SIZE_T, ADDRESS));

    public static MemorySegment bytesNew(long size) {
        try {
            return (MemorySegment) BYTES_NEW.invokeExact(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void bytesFree(MemorySegment bytes) {
        try {
            BYTES_FREE.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean bytesPattern(MemorySegment bytes, long length, byte seed) {
        try {
            return (boolean) BYTES_PATTERN.invokeExact(bytes, length, seed);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long bytesChecksum(MemorySegment bytes, long length) {
        try {
            return (long) BYTES_CHECKSUM.invokeExact(bytes, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean bytesLend(MemorySegment bytes, long length, MemorySegment function) {
        try {
            return (boolean) BYTES_LEND.invokeExact(bytes, length, function);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
