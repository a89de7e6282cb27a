package javatorust;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** The safe Java API over RustLib's strings and panics: Java types in, Java types out. */
public final class Rust {
    private Rust() {}

    /** The essay's {@code double_input}: wraps on overflow, as Java's {@code int * 2} does. */
    public static int doubleInput(int input) {
        return RustLib.double_input(input);
    }

    /** {@code text} in upper case, by Rust. Who frees what is the lesson here. */
    @SuppressWarnings("restricted") // reinterpret: we know Rust returned a NUL-terminated string
    public static String shout(String text) {
        try (Arena arena = Arena.ofConfined()) {
            // Java allocates the argument (UTF-8, NUL-terminated) and frees it when the arena closes.
            MemorySegment shouted = RustLib.shout(toCString(text, arena));
            try {
                // Rust returns a bare address (a segment of size 0): widen it to read up to the
                // NUL, copying the text into a Java String...
                return shouted.reinterpret(Long.MAX_VALUE).getString(0);
            } finally {
                RustLib.free_string(shouted); // ...then give the memory back to Rust, which made it
            }
        }
    }

    /** {@code input * 2} in Rust with the overflow check on: an overflow is a RustPanicException. */
    @SuppressWarnings("restricted") // reinterpret: the message is a NUL-terminated string
    public static int checkedDouble(int input) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(ADDRESS); // zeroed: NULL unless Rust panics
            int doubled = RustLib.checked_double(input, error);
            MemorySegment message = error.get(ADDRESS, 0);
            if (message.equals(MemorySegment.NULL)) {
                return doubled;
            }
            try {
                throw new RustPanicException(message.reinterpret(Long.MAX_VALUE).getString(0));
            } finally {
                RustLib.free_string(message);
            }
        }
    }

    /** A C string holds no NUL (U+0000): C would see {@code text} end there, so refuse it. */
    static MemorySegment toCString(String text, Arena arena) {
        Objects.requireNonNull(text, "text");
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException("a C string cannot hold NUL (U+0000), and this one has it at index " + nul);
        }
        return arena.allocateFrom(text);
    }
}
