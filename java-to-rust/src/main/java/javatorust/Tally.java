package javatorust;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A Rust {@code Tally} (a word count in a Rust HashMap), held by Java as an opaque pointer.
 * Its arena owns it: when the arena closes, Rust frees it, exactly once; after that, every use
 * is an IllegalStateException in Java, never a use-after-free in Rust.
 */
public final class Tally {
    private final MemorySegment handle;

    /** A new Rust tally that lives as long as {@code arena}: any kind of arena (Rust's Tally locks
     *  itself, so threads may share it); a confined one keeps other threads out altogether. */
    @SuppressWarnings("restricted") // reinterpret: Java trusts that tally_free is the right clean-up
    public Tally(Arena arena) {
        MemorySegment tally = RustLib.tally_new();
        try {
            // reinterpret ties the pointer to the arena and gives it the action to run when it closes.
            handle = tally.reinterpret(arena, RustLib::tally_free);
        } catch (RuntimeException e) { // the arena is closed, or belongs to another thread
            RustLib.tally_free(tally);
            throw e;
        }
    }

    /** Counts one more {@code word}; returns how many times it has been seen. */
    public int add(String word) {
        try (Arena arena = Arena.ofConfined()) {
            return RustLib.tally_add(handle, Rust.toCString(word, arena));
        }
    }

    /** How many times {@code word} has been seen. */
    public int count(String word) {
        try (Arena arena = Arena.ofConfined()) {
            return RustLib.tally_count(handle, Rust.toCString(word, arena));
        }
    }

    /** How many Rust tallies are alive in this process. */
    public static long live() {
        return RustLib.tally_live();
    }
}
