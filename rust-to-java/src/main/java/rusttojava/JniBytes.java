package rusttojava;

import java.nio.ByteBuffer;

/**
 * The Java side of moving_data (a Rust program that embeds the JVM): a byte[] that Java owns, and
 * the methods Rust calls through JNI to move bytes between it and Rust's own memory, which Rust
 * hands over as a direct ByteBuffer (NewDirectByteBuffer: a view, no copy). The other way needs
 * no Java method: Rust copies into or out of the array itself (Set/GetByteArrayRegion).
 */
public final class JniBytes {
    private JniBytes() {}

    /** Java's own bytes. Rust calls Java from one thread, so one array serves. */
    private static byte[] array = new byte[0];

    /** A new array of {@code size} bytes for Java to own; Rust keeps a global reference to it. */
    public static byte[] array(int size) {
        array = new byte[size];
        return array;
    }

    /** Rust -> Java: copies all of Rust's memory, seen as a direct buffer, into Java's array. */
    public static void receive(ByteBuffer rust) {
        rust.get(0, array, 0, rust.capacity());
    }

    /** Java -> Rust: copies Java's array into Rust's memory, seen as a direct buffer. */
    public static void fill(ByteBuffer rust) {
        rust.put(0, array, 0, rust.capacity());
    }

    /** Java writes its own bytes: byte i of the first {@code length} is {@code (i * 31 + seed) & 0xff}. */
    public static void pattern(int length, int seed) {
        for (int i = 0; i < length; i++) {
            array[i] = (byte) (i * 31 + seed);
        }
    }

    /** The 64-bit FNV-1a hash of the array's first {@code length} bytes, as Rust computes it. */
    public static long checksum(int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ (array[i] & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
