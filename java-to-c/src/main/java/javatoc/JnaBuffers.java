package javatoc;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Moving bytes between a Java byte[] and a buffer that C owns (buffers.h), through JNA (direct
 * mapping), three ways each direction: a byte[] argument, Pointer.write/read on C's memory, and
 * a direct ByteBuffer argument.
 */
public final class JnaBuffers implements AutoCloseable {

    /** The C functions of buffers.h, bound once by Native.register. */
    static final class C {
        static native Pointer buffer_new(long size);

        static native void buffer_free(Pointer buffer);

        // A byte[] argument: JNA copies the array into native memory before the call, and back
        // into the array after it (both, whichever way the bytes go).
        static native void buffer_put(Pointer buffer, byte[] source, long size);

        static native void buffer_get(Pointer buffer, byte[] destination, long size);

        // A direct ByteBuffer argument: JNA passes its address, no copy.
        static native void buffer_put(Pointer buffer, ByteBuffer source, long size);

        static native void buffer_get(Pointer buffer, ByteBuffer destination, long size);

        static native long buffer_checksum(Pointer buffer, long size);

        static native void buffer_fill(Pointer buffer, long size);
    }

    private static boolean registered;

    private final int capacity;
    private final ByteBuffer direct; // for the direct-buffer path, allocated once
    private Pointer buffer; // C's buffer (buffer_new); null once closed

    /** C allocates a buffer of capacity bytes; Java moves up to that many at a time. */
    public JnaBuffers(int capacity) {
        register();
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        this.capacity = capacity;
        this.direct = ByteBuffer.allocateDirect(capacity);
        this.buffer = C.buffer_new(capacity);
        if (buffer == null) {
            throw new OutOfMemoryError("buffer_new(" + capacity + ")");
        }
    }

    private static synchronized void register() {
        if (!registered) {
            try {
                Native.register(C.class, "example");
            } catch (UnsatisfiedLinkError e) {
                throw new LibraryNotFoundException("example", "jna.library.path", e);
            }
            registered = true;
        }
    }

    /** Java -> C: a byte[] argument; JNA copies it to native memory (and back), then C copies. */
    public void arrayToC(byte[] source, int size) {
        C.buffer_put(pointer(source, size), source, size);
    }

    /** C -> Java: a byte[] argument; JNA copies it to native memory, C copies into that, JNA copies back. */
    public void arrayFromC(byte[] destination, int size) {
        C.buffer_get(pointer(destination, size), destination, size);
    }

    /** Java -> C: Pointer.write, Java copies the array into C's memory; no call into C. */
    public void writeToC(byte[] source, int size) {
        pointer(source, size).write(0, source, 0, size);
    }

    /** C -> Java: Pointer.read, Java copies C's memory into the array; no call into C. */
    public void readFromC(byte[] destination, int size) {
        pointer(destination, size).read(0, destination, 0, size);
    }

    /** Java -> C: Java puts the bytes into a direct ByteBuffer, C copies from it. Two copies. */
    public void directToC(byte[] source, int size) {
        Pointer c = pointer(source, size);
        direct.put(0, source, 0, size);
        C.buffer_put(c, direct, size);
    }

    /** C -> Java: C copies into a direct ByteBuffer, Java gets the bytes from it. Two copies. */
    public void directFromC(byte[] destination, int size) {
        C.buffer_get(pointer(destination, size), direct, size);
        direct.get(0, destination, 0, size);
    }

    /** C's checksum of the first size bytes of its buffer (buffer_checksum). */
    public long checksumInC(int size) {
        return C.buffer_checksum(open(), BufferSizes.check(size, capacity));
    }

    /** C fills the first size bytes of its buffer with the tests' pattern (buffer_fill). */
    public void fillInC(int size) {
        C.buffer_fill(open(), BufferSizes.check(size, capacity));
    }

    @Override
    public void close() {
        if (buffer != null) {
            C.buffer_free(buffer);
            buffer = null;
        }
    }

    /** C's buffer, once the sizes are checked: C's memcpy would run past either end. */
    private Pointer pointer(byte[] array, int size) {
        BufferSizes.check(size, array, capacity);
        return open();
    }

    private Pointer open() {
        if (buffer == null) {
            throw new IllegalStateException("this JnaBuffers is closed");
        }
        return buffer;
    }
}
