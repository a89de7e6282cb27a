package javatoc;

import java.nio.ByteBuffer;

/**
 * Moving bytes between a Java byte[] and a buffer that C owns (buffers.h), through JNI, three
 * ways each direction; the glue is src/main/c/buffers_jni.c. C's buffer is known to Java as its
 * address, a long, which only the glue turns back into a pointer.
 */
public final class JniBuffers implements AutoCloseable {
    private final int capacity;
    private final ByteBuffer direct; // for the direct-buffer path, allocated once
    private long buffer; // C's buffer (buffer_new); 0 once closed

    /** C allocates a buffer of capacity bytes; Java moves up to that many at a time. */
    public JniBuffers(int capacity) {
        JniExample.load(); // loads libexample_jni.so, which holds this class's glue too
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        this.capacity = capacity;
        this.direct = ByteBuffer.allocateDirect(capacity);
        this.buffer = newBuffer(capacity);
        if (buffer == 0) {
            throw new OutOfMemoryError("buffer_new(" + capacity + ")");
        }
    }

    /** Java -> C: GetByteArrayRegion, the JVM copies the array into C's buffer. */
    public void regionToC(byte[] source, int size) {
        putRegion(address(source, size), source, size);
    }

    /** C -> Java: SetByteArrayRegion, the JVM copies C's buffer into the array. */
    public void regionFromC(byte[] destination, int size) {
        getRegion(address(destination, size), destination, size);
    }

    /** Java -> C: GetPrimitiveArrayCritical gives C the array itself; C copies from it. */
    public void criticalToC(byte[] source, int size) {
        putCritical(address(source, size), source, size);
    }

    /** C -> Java: GetPrimitiveArrayCritical gives C the array itself; C copies into it. */
    public void criticalFromC(byte[] destination, int size) {
        getCritical(address(destination, size), destination, size);
    }

    /** Java -> C: Java puts the bytes into a direct ByteBuffer, C copies from its address. Two copies. */
    public void directToC(byte[] source, int size) {
        long address = address(source, size);
        direct.put(0, source, 0, size);
        putDirect(address, direct, size);
    }

    /** C -> Java: C copies into a direct ByteBuffer, Java gets the bytes from it. Two copies. */
    public void directFromC(byte[] destination, int size) {
        getDirect(address(destination, size), direct, size);
        direct.get(0, destination, 0, size);
    }

    /** C's checksum of the first size bytes of its buffer (buffer_checksum). */
    public long checksumInC(int size) {
        return checksum(open(), BufferSizes.check(size, capacity));
    }

    /** C fills the first size bytes of its buffer with the tests' pattern (buffer_fill). */
    public void fillInC(int size) {
        fill(open(), BufferSizes.check(size, capacity));
    }

    @Override
    public void close() {
        freeBuffer(buffer);
        buffer = 0;
    }

    /** C's buffer, once the sizes are checked: C's memcpy would run past either end. */
    private long address(byte[] array, int size) {
        BufferSizes.check(size, array, capacity);
        return open();
    }

    private long open() {
        if (buffer == 0) {
            throw new IllegalStateException("this JniBuffers is closed");
        }
        return buffer;
    }

    private static native long newBuffer(int capacity);
    private static native void freeBuffer(long buffer);
    private static native void putRegion(long buffer, byte[] source, int size);
    private static native void getRegion(long buffer, byte[] destination, int size);
    private static native void putCritical(long buffer, byte[] source, int size);
    private static native void getCritical(long buffer, byte[] destination, int size);
    private static native void putDirect(long buffer, ByteBuffer source, int size);
    private static native void getDirect(long buffer, ByteBuffer destination, int size);
    private static native long checksum(long buffer, int size);
    private static native void fill(long buffer, int size);
}
