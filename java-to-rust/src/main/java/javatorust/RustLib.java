package javatorust;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The Java side of rustlib.h (which cbindgen writes from lib.rs), in the shape jextract generates:
 * for each C function, its signature in FFM layouts (DESC) and a downcall handle (HANDLE), both
 * {@code static final}, so the JIT sees the handle as a constant and compiles the call into a
 * plain native call. HeaderTest checks every DESC against the header, so the two cannot drift.
 * These are the raw C functions: {@link Rust} and {@link Tally} are the safe Java API over them.
 * Loading a library and making downcall handles are restricted methods (javac's -Xlint warns about
 * them): Java trusts that the C signature is right. Here that trust is checked by HeaderTest.
 */
@SuppressWarnings("restricted")
public final class RustLib {
    private RustLib() {}

    /** librustlib.so's symbols: the jar's copy (make dist: SHIPPING.md), else the build tree's. */
    private static final SymbolLookup SYMBOLS = BundledLibrary.isBundled("rustlib")
            ? SymbolLookup.libraryLookup(BundledLibrary.extract("rustlib"), Arena.global()) // extracted to a file, loaded for good
            : loadFromLibraryPath();

    private static SymbolLookup loadFromLibraryPath() {
        // The JDK's way to find a library: librustlib.so in a folder of -Djava.library.path.
        try {
            System.loadLibrary("rustlib");
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryNotFoundException("rustlib", e);
        }
        return SymbolLookup.loaderLookup(); // the symbols of the libraries that this class's loader loaded
    }

    private static final Linker LINKER = Linker.nativeLinker();

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(SYMBOLS.findOrThrow(name), descriptor, options);
    }

    /** C's size_t (Rust's usize), as the platform has it; its carrier is a long on 64-bit ones. */
    private static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");

    // Each holder class is initialised on first use: a function is looked up when first called.

    /** {@code int32_t double_input(int32_t input);} */
    static final class double_input {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        static final MethodHandle HANDLE = downcall("double_input", DESC);
    }

    public static int double_input(int input) {
        try {
            return (int) double_input.HANDLE.invokeExact(input);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code char *shout(const char *text);} */
    static final class shout {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS, ADDRESS);
        static final MethodHandle HANDLE = downcall("shout", DESC);
    }

    public static MemorySegment shout(MemorySegment text) {
        try {
            return (MemorySegment) shout.HANDLE.invokeExact(text);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void free_string(char *text);} */
    static final class free_string {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(ADDRESS);
        static final MethodHandle HANDLE = downcall("free_string", DESC);
    }

    public static void free_string(MemorySegment text) {
        try {
            free_string.HANDLE.invokeExact(text);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code Tally *tally_new(void);} */
    static final class tally_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS);
        static final MethodHandle HANDLE = downcall("tally_new", DESC);
    }

    public static MemorySegment tally_new() {
        try {
            return (MemorySegment) tally_new.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uint32_t tally_add(const Tally *tally, const char *word);} */
    static final class tally_add {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle HANDLE = downcall("tally_add", DESC);
    }

    public static int tally_add(MemorySegment tally, MemorySegment word) {
        try {
            return (int) tally_add.HANDLE.invokeExact(tally, word);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uint32_t tally_count(const Tally *tally, const char *word);} */
    static final class tally_count {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle HANDLE = downcall("tally_count", DESC);
    }

    public static int tally_count(MemorySegment tally, MemorySegment word) {
        try {
            return (int) tally_count.HANDLE.invokeExact(tally, word);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void tally_free(Tally *tally);} */
    static final class tally_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(ADDRESS);
        static final MethodHandle HANDLE = downcall("tally_free", DESC);
    }

    public static void tally_free(MemorySegment tally) {
        try {
            tally_free.HANDLE.invokeExact(tally);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uintptr_t tally_live(void);} Rust's usize: as wide as C's size_t, whose layout the linker knows. */
    static final class tally_live {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(LINKER.canonicalLayouts().get("size_t"));
        static final MethodHandle HANDLE = downcall("tally_live", DESC);
    }

    public static long tally_live() {
        try {
            return (long) tally_live.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t checked_double(int32_t input, char **error);} */
    static final class checked_double {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("checked_double", DESC);
    }

    public static int checked_double(int input, MemorySegment error) {
        try {
            return (int) checked_double.HANDLE.invokeExact(input, error);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t unguarded_double(int32_t input);} A panic in it aborts the process. */
    static final class unguarded_double {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        static final MethodHandle HANDLE = downcall("unguarded_double", DESC);
    }

    public static int unguarded_double(int input) {
        try {
            return (int) unguarded_double.HANDLE.invokeExact(input);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- Moving bytes: a buffer that Rust owns (RustBytes is the Java API over these) ----------

    /** {@code Bytes *bytes_new(uintptr_t size);} */
    static final class bytes_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS, SIZE_T);
        static final MethodHandle HANDLE = downcall("bytes_new", DESC);
    }

    public static MemorySegment bytes_new(long size) {
        try {
            return (MemorySegment) bytes_new.HANDLE.invokeExact(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void bytes_free(Bytes *bytes);} */
    static final class bytes_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(ADDRESS);
        static final MethodHandle HANDLE = downcall("bytes_free", DESC);
    }

    public static void bytes_free(MemorySegment bytes) {
        try {
            bytes_free.HANDLE.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uint8_t *bytes_data(const Bytes *bytes);} */
    static final class bytes_data {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS, ADDRESS);
        static final MethodHandle HANDLE = downcall("bytes_data", DESC);
    }

    public static MemorySegment bytes_data(MemorySegment bytes) {
        try {
            return (MemorySegment) bytes_data.HANDLE.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uintptr_t bytes_size(const Bytes *bytes);} */
    static final class bytes_size {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(SIZE_T, ADDRESS);
        static final MethodHandle HANDLE = downcall("bytes_size", DESC);
    }

    public static long bytes_size(MemorySegment bytes) {
        try {
            return (long) bytes_size.HANDLE.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code bool bytes_copy_in(Bytes *bytes, const uint8_t *source, uintptr_t length);} Two handles:
     * HANDLE, an ordinary downcall, takes native memory only (a heap segment is refused); CRITICAL
     * ({@code Linker.Option.critical(true)}) also takes a heap segment, a Java array, without a copy:
     * the GC leaves the array where it is until Rust returns, so keep such calls short.
     */
    static final class bytes_copy_in {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS, SIZE_T);
        static final MethodHandle HANDLE = downcall("bytes_copy_in", DESC);
        static final MethodHandle CRITICAL = downcall("bytes_copy_in", DESC, Linker.Option.critical(true));
    }

    public static boolean bytes_copy_in(MemorySegment bytes, MemorySegment source, long length) {
        try {
            return (boolean) bytes_copy_in.HANDLE.invokeExact(bytes, source, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean bytes_copy_in_critical(MemorySegment bytes, MemorySegment source, long length) {
        try {
            return (boolean) bytes_copy_in.CRITICAL.invokeExact(bytes, source, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code bool bytes_copy_out(const Bytes *bytes, uint8_t *destination, uintptr_t length);} As bytes_copy_in. */
    static final class bytes_copy_out {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS, SIZE_T);
        static final MethodHandle HANDLE = downcall("bytes_copy_out", DESC);
        static final MethodHandle CRITICAL = downcall("bytes_copy_out", DESC, Linker.Option.critical(true));
    }

    public static boolean bytes_copy_out(MemorySegment bytes, MemorySegment destination, long length) {
        try {
            return (boolean) bytes_copy_out.HANDLE.invokeExact(bytes, destination, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean bytes_copy_out_critical(MemorySegment bytes, MemorySegment destination, long length) {
        try {
            return (boolean) bytes_copy_out.CRITICAL.invokeExact(bytes, destination, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uint64_t bytes_checksum(const Bytes *bytes, uintptr_t length);} */
    static final class bytes_checksum {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T);
        static final MethodHandle HANDLE = downcall("bytes_checksum", DESC);
    }

    public static long bytes_checksum(MemorySegment bytes, long length) {
        try {
            return (long) bytes_checksum.HANDLE.invokeExact(bytes, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- Threads (THREADS.md): a type that is not Sync, and a meeting point ---------------------

    /** {@code Counter *counter_new(void);} */
    static final class counter_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ADDRESS);
        static final MethodHandle HANDLE = downcall("counter_new", DESC);
    }

    public static MemorySegment counter_new() {
        try {
            return (MemorySegment) counter_new.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code uint64_t counter_add(const Counter *counter);} Not from two threads at once: Counter is not Sync. */
    static final class counter_add {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE = downcall("counter_add", DESC);
    }

    public static long counter_add(MemorySegment counter) {
        try {
            return (long) counter_add.HANDLE.invokeExact(counter);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void counter_free(Counter *counter);} */
    static final class counter_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(ADDRESS);
        static final MethodHandle HANDLE = downcall("counter_free", DESC);
    }

    public static void counter_free(MemorySegment counter) {
        try {
            counter_free.HANDLE.invokeExact(counter);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t meet_in_rust(int32_t *arrived, int32_t expected, uint32_t timeout_ms);} */
    static final class meet_in_rust {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        static final MethodHandle HANDLE = downcall("meet_in_rust", DESC);
    }

    public static int meet_in_rust(MemorySegment arrived, int expected, int timeoutMs) {
        try {
            return (int) meet_in_rust.HANDLE.invokeExact(arrived, expected, timeoutMs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** invokeExact declares Throwable: pass unchecked ones through, wrap the rest. */
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
