package javatoc;

import java.util.Objects;

/** The check every buffer path makes before bytes move: C's memcpy checks nothing. */
final class BufferSizes {
    private BufferSizes() {}

    /** Returns size if 0 <= size <= both the array's length and the C buffer's capacity. */
    static int check(int size, byte[] array, long capacity) {
        Objects.requireNonNull(array, "array");
        if (size < 0 || size > array.length || size > capacity) {
            throw new IllegalArgumentException("size " + size + " is outside 0.." + Math.min(array.length, capacity)
                    + " (the array holds " + array.length + " bytes, the C buffer " + capacity + ")");
        }
        return size;
    }

    /** Returns size if 0 <= size <= the C buffer's capacity. */
    static int check(int size, long capacity) {
        if (size < 0 || size > capacity) {
            throw new IllegalArgumentException("size " + size + " is outside 0.." + capacity + " (the C buffer's capacity)");
        }
        return size;
    }
}
