package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Moving bytes between a Java byte[] and a buffer that C owns (buffers.h), through FFM, two ways
 * each direction: Java copies between the array and C's memory (MemorySegment.copy), or C copies
 * from or into the array itself, passed as a heap segment to a critical(true) downcall.
 */
public final class FfmBuffers implements AutoCloseable {

    /** The handles, static final as in FfmExample; initialised after FfmExample.load(). */
    private static final class C {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup EXAMPLE = SymbolLookup.loaderLookup();
        static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");

        static final MethodHandle BUFFER_NEW = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_new"),
                FunctionDescriptor.of(ADDRESS, SIZE_T));
        static final MethodHandle BUFFER_FREE = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_free"),
                FunctionDescriptor.ofVoid(ADDRESS));
        // critical(true): C may read and write a heap segment, the Java array itself, uncopied.
        // The GC waits while C copies: right for a memcpy, wrong for anything that blocks.
        static final MethodHandle BUFFER_PUT = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_put"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, SIZE_T), Linker.Option.critical(true));
        static final MethodHandle BUFFER_GET = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_get"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, SIZE_T), Linker.Option.critical(true));
        static final MethodHandle BUFFER_CHECKSUM = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_checksum"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T));
        static final MethodHandle BUFFER_FILL = LINKER.downcallHandle(EXAMPLE.findOrThrow("buffer_fill"),
                FunctionDescriptor.ofVoid(ADDRESS, SIZE_T));
    }

    private final Arena arena = Arena.ofConfined(); // closing it frees C's buffer
    private final MemorySegment buffer; // C's buffer, as a segment of its real size

    /** C allocates a buffer of capacity bytes; Java moves up to that many at a time. */
    public FfmBuffers(int capacity) {
        FfmExample.load(); // loads libexample.so, which holds buffers.c too
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        try {
            MemorySegment address = (MemorySegment) C.BUFFER_NEW.invokeExact((long) capacity);
            if (address.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("buffer_new(" + capacity + ")");
            }
            // C returns a bare address (size 0): give it its size, and the arena's lifetime,
            // with buffer_free to run when the arena closes. Afterwards, a use throws.
            buffer = address.reinterpret(capacity, arena, FfmBuffers::free);
        } catch (Throwable t) {
            arena.close();
            throw rethrow(t);
        }
    }

    /** Java -> C: MemorySegment.copy, Java copies the array into C's memory; no call into C. */
    public void copyToC(byte[] source, int size) {
        MemorySegment.copy(source, 0, buffer, JAVA_BYTE, 0, BufferSizes.check(size, source, buffer.byteSize()));
    }

    /** C -> Java: MemorySegment.copy, Java copies C's memory into the array; no call into C. */
    public void copyFromC(byte[] destination, int size) {
        MemorySegment.copy(buffer, JAVA_BYTE, 0, destination, 0, BufferSizes.check(size, destination, buffer.byteSize()));
    }

    /**
     * Java -> C: a native copy of the array made for each call, in an arena of the call, which C
     * copies from: the first way many write, two copies and a malloc/free per call.
     */
    public void allocateToC(byte[] source, int size) {
        long checked = BufferSizes.check(size, source, buffer.byteSize());
        try (Arena call = Arena.ofConfined()) {
            MemorySegment copy = call.allocateFrom(JAVA_BYTE, MemorySegment.ofArray(source), JAVA_BYTE, 0, checked);
            C.BUFFER_PUT.invokeExact(buffer, copy, checked);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** C -> Java: a new array each time (segment.toArray): the copy, plus an allocation Java zeroes first. */
    public byte[] toArrayFromC(int size) {
        return buffer.asSlice(0, BufferSizes.check(size, buffer.byteSize())).toArray(JAVA_BYTE);
    }

    /** Java -> C: the array as a heap segment, straight to C (critical(true)); C copies from it. */
    public void heapToC(byte[] source, int size) {
        long checked = BufferSizes.check(size, source, buffer.byteSize());
        try {
            C.BUFFER_PUT.invokeExact(buffer, MemorySegment.ofArray(source), checked);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** C -> Java: the array as a heap segment, straight to C (critical(true)); C copies into it. */
    public void heapFromC(byte[] destination, int size) {
        long checked = BufferSizes.check(size, destination, buffer.byteSize());
        try {
            C.BUFFER_GET.invokeExact(buffer, MemorySegment.ofArray(destination), checked);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** C's checksum of the first size bytes of its buffer (buffer_checksum). */
    public long checksumInC(int size) {
        try {
            return (long) C.BUFFER_CHECKSUM.invokeExact(buffer, (long) BufferSizes.check(size, buffer.byteSize()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** C fills the first size bytes of its buffer with the tests' pattern (buffer_fill). */
    public void fillInC(int size) {
        try {
            C.BUFFER_FILL.invokeExact(buffer, (long) BufferSizes.check(size, buffer.byteSize()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Frees C's buffer (through the arena's cleanup); closing twice throws IllegalStateException. */
    @Override
    public void close() {
        arena.close();
    }

    private static void free(MemorySegment address) {
        try {
            C.BUFFER_FREE.invokeExact(address);
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
