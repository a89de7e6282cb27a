package rusttojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Rust lends Java its buffer for one upcall ({@code bytes_lend}); Java copies between it and a
 * {@code byte[]} that Java owns: out of Rust's memory (Rust -> Java) or into it (Java -> Rust).
 * Nothing thrown may leave an upcall, so each catches what it throws and the Java method that
 * called Rust throws it again. One per thread: the upcalls write one array.
 */
public final class LentBytes {
    /** {@code void (*)(uint8_t *data, size_t length)}: the function pointer type Rust calls. */
    private static final FunctionDescriptor BYTES_FUNCTION = FunctionDescriptor.ofVoid(ADDRESS, RustCalls.SIZE_T);
    private static final MethodHandle COPY_OUT = find("copyOut");
    private static final MethodHandle COPY_IN = find("copyIn");

    private final byte[] array;
    private final MemorySegment copyOut; // upcall stub: Rust's bytes into the array
    private final MemorySegment copyIn; // upcall stub: the array into Rust's bytes
    private Throwable caught;

    /** Upcalls over {@code array}, valid until {@code arena} closes. Make them once: a stub costs far more than a call. */
    @SuppressWarnings("restricted") // Java trusts that Rust calls the stubs with the declared signature
    public LentBytes(byte[] array, Arena arena) {
        this.array = Objects.requireNonNull(array, "array");
        this.copyOut = Linker.nativeLinker().upcallStub(COPY_OUT.bindTo(this), BYTES_FUNCTION, arena);
        this.copyIn = Linker.nativeLinker().upcallStub(COPY_IN.bindTo(this), BYTES_FUNCTION, arena);
    }

    /** A zeroed buffer of {@code size} bytes that Rust owns, freed by Rust when {@code arena} closes. */
    @SuppressWarnings("restricted") // reinterpret: the cleanup is the function that frees it
    public static MemorySegment rustBuffer(long size, Arena arena) {
        MemorySegment bytes = RustCalls.bytesNew(size);
        try {
            return bytes.reinterpret(arena, RustCalls::bytesFree);
        } catch (RuntimeException e) { // the arena is closed, or belongs to another thread
            RustCalls.bytesFree(bytes);
            throw e;
        }
    }

    /** Rust -> Java: Rust lends its first {@code length} bytes, Java copies them into its array. */
    public byte[] receiveFromRust(MemorySegment rustBuffer, int length) {
        lend(rustBuffer, length, copyOut);
        return array;
    }

    /** Java -> Rust: Rust lends its first {@code length} bytes, Java copies its array into them. */
    public void sendToRust(MemorySegment rustBuffer, int length) {
        lend(rustBuffer, length, copyIn);
    }

    private void lend(MemorySegment rustBuffer, int length, MemorySegment upcall) {
        if (length < 0) { // as a size_t it would be huge: Rust would refuse it anyway
            throw new IllegalArgumentException("a negative length: " + length);
        }
        try {
            if (!RustCalls.bytesLend(rustBuffer, length, upcall)) {
                throw new IllegalArgumentException("Rust's buffer holds fewer than " + length + " bytes");
            }
            Throwable failure = caught;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException(failure);
        } finally {
            caught = null;
        }
    }

    /** The upcall: Rust's memory arrives as an address (a segment of size 0), sized here. Never throws. */
    @SuppressWarnings("restricted") // reinterpret: Rust says how many bytes it lends
    private void copyOut(MemorySegment data, long length) {
        try {
            MemorySegment.copy(data.reinterpret(length), JAVA_BYTE, 0, array, 0, Math.toIntExact(length));
        } catch (Throwable t) {
            caught = t;
        }
    }

    @SuppressWarnings("restricted") // as copyOut
    private void copyIn(MemorySegment data, long length) {
        try {
            MemorySegment.copy(array, 0, data.reinterpret(length), JAVA_BYTE, 0, Math.toIntExact(length));
        } catch (Throwable t) {
            caught = t;
        }
    }

    private static MethodHandle find(String name) {
        try {
            return MethodHandles.lookup().findVirtual(LentBytes.class, name,
                    MethodType.methodType(void.class, MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the methods are above: it cannot happen
        }
    }
}
