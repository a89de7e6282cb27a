package javatorust;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A buffer of bytes that Rust owns, and the ways to move a Java {@code byte[]} into it and back.
 * Like a {@link Tally}, it lives until its arena closes, which runs Rust's {@code bytes_free} once.
 * Each way ends with the bytes in the receiver's own memory: in Rust's buffer, or in Java's array.
 */
public final class RustBytes {
    private final MemorySegment handle; // a Bytes *, freed by Rust when the arena closes
    private final MemorySegment memory; // Rust's bytes themselves, readable and writable from Java
    private final long size;

    private RustBytes(MemorySegment handle, MemorySegment memory, long size) {
        this.handle = handle;
        this.memory = memory;
        this.size = size;
    }

    /** A zeroed Rust buffer of {@code size} bytes, freed by Rust when {@code arena} closes. */
    @SuppressWarnings("restricted") // reinterpret: Rust says how large its buffer is, and frees it with the handle
    public static RustBytes allocate(long size, Arena arena) {
        if (size < 0) {
            throw new IllegalArgumentException("a buffer cannot hold " + size + " bytes");
        }
        MemorySegment bytes = RustLib.bytes_new(size);
        MemorySegment handle;
        try {
            handle = bytes.reinterpret(arena, RustLib::bytes_free);
        } catch (RuntimeException e) { // the arena is closed, or belongs to another thread
            RustLib.bytes_free(bytes);
            throw e;
        }
        // Rust's memory as a segment of its true size, valid as long as the handle (the same arena).
        return new RustBytes(handle, RustLib.bytes_data(handle).reinterpret(size, arena, null), size);
    }

    public long size() {
        return size;
    }

    // ---- Java -> Rust: the bytes end in Rust's buffer -----------------------------------------

    /** The ordinary call: Java copies its array into native memory, then Rust copies that in. Two copies. */
    public void copyInThroughNative(byte[] source, int length, MemorySegment nativeMemory) {
        check(source, length);
        Objects.checkFromIndexSize(0, length, nativeMemory.byteSize());
        MemorySegment.copy(source, 0, nativeMemory, JAVA_BYTE, 0, length);
        succeeded(RustLib.bytes_copy_in(handle, nativeMemory, length));
    }

    /** The array itself, as a heap segment, straight to Rust (a critical call): one copy, by Rust. */
    public void copyInFromHeap(byte[] source, int length) {
        check(source, length);
        succeeded(RustLib.bytes_copy_in_critical(handle, MemorySegment.ofArray(source), length));
    }

    /** No call at all: Java copies its array into Rust's memory itself. One copy, by Java. */
    public void writeFromJava(byte[] source, int length) {
        check(source, length);
        MemorySegment.copy(source, 0, memory, JAVA_BYTE, 0, length);
    }

    // ---- Rust -> Java: the bytes end in Java's array ------------------------------------------

    /** The ordinary call: Rust copies into native memory, then Java copies that into its array. Two copies. */
    public void copyOutThroughNative(byte[] destination, int length, MemorySegment nativeMemory) {
        check(destination, length);
        Objects.checkFromIndexSize(0, length, nativeMemory.byteSize()); // before Rust writes into it
        succeeded(RustLib.bytes_copy_out(handle, nativeMemory, length));
        MemorySegment.copy(nativeMemory, JAVA_BYTE, 0, destination, 0, length);
    }

    /** Java's array as a heap segment, filled by Rust (a critical call): one copy, by Rust. */
    public void copyOutToHeap(byte[] destination, int length) {
        check(destination, length);
        succeeded(RustLib.bytes_copy_out_critical(handle, MemorySegment.ofArray(destination), length));
    }

    /** No call at all: Java reads Rust's memory into its array. One copy, by Java. */
    public void readFromJava(byte[] destination, int length) {
        check(destination, length);
        MemorySegment.copy(memory, JAVA_BYTE, 0, destination, 0, length);
    }

    /** Rust's 64-bit FNV-1a hash of its first {@code length} bytes: what arrived, as Rust sees it. */
    public long checksum(long length) {
        Objects.checkFromIndexSize(0, length, size);
        return RustLib.bytes_checksum(handle, length);
    }

    /** Java checks what Rust would refuse, so that a mistake is a Java exception that says what it is. */
    private void check(byte[] array, int length) {
        Objects.checkFromIndexSize(0, length, array.length);
        if (length > size) {
            throw new IllegalArgumentException(length + " bytes do not fit in a Rust buffer of " + size);
        }
    }

    private static void succeeded(boolean copied) {
        if (!copied) { // cannot happen after check(): Rust refuses what Java lets through, not less
            throw new IllegalStateException("Rust refused the copy");
        }
    }
}
