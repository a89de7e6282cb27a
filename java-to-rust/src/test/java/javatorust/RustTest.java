package javatorust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The safe Java API over librustlib.so, in this JVM. */
class RustTest {
    @ParameterizedTest
    @ValueSource(ints = {4, 0, -7, 1_073_741_823, 1_073_741_824, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void doubleInputWrapsAsJavaDoes(int input) {
        assertEquals(input * 2, Rust.doubleInput(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ferris", "Grüße, Ferris", "crab 🦀 ünïcödé", "ǆ ß ŉ"})
    void shoutUpperCasesUtf8AsJavaDoes(String text) {
        // Rust's to_uppercase and Java's toUpperCase(ROOT) follow the same Unicode rules.
        assertEquals(text.toUpperCase(java.util.Locale.ROOT), Rust.shout(text));
    }

    @Test
    void aStringWithNulIsRefusedBeforeItReachesRust() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rust.shout("a\0b"));
        assertEquals("a C string cannot hold NUL (U+0000), and this one has it at index 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> Rust.shout(null)); // never a NULL into Rust
    }

    @Test
    @SuppressWarnings("restricted")
    void aPointerFromRustIsASegmentOfSizeZeroUntilJavaWidensIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment shouted = RustLib.shout(arena.allocateFrom("abc"));
            try {
                assertEquals(0, shouted.byteSize()); // FFM knows the address, not what is there
                assertThrows(IndexOutOfBoundsException.class, () -> shouted.getString(0));
                assertEquals("ABC", shouted.reinterpret(4).getString(0)); // "ABC" and its NUL
            } finally {
                RustLib.free_string(shouted);
            }
        }
    }

    @Test
    void aPanicBecomesAJavaExceptionAndRustGoesOn() {
        RustPanicException e = assertThrows(RustPanicException.class, () -> Rust.checkedDouble(2_000_000_000));
        assertEquals("Rust panicked: attempt to multiply with overflow", e.getMessage());
        assertThrows(RustPanicException.class, () -> Rust.checkedDouble(Integer.MIN_VALUE));
        assertEquals(42, Rust.checkedDouble(21)); // the library still works after a panic
        assertEquals(-2_147_483_648, Rust.checkedDouble(-1_073_741_824));
    }

    @Test
    void aTallyIsFreedOnceWhenItsArenaCloses() {
        long before = Tally.live();
        Tally tally;
        try (Arena arena = Arena.ofConfined()) {
            tally = new Tally(arena);
            new Tally(arena);
            assertEquals(1, tally.add("be"));
            assertEquals(2, tally.add("be"));
            assertEquals(0, tally.count("question"));
            assertEquals(before + 2, Tally.live());
        }
        assertEquals(before, Tally.live());
        Tally closed = tally;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.count("be"));
        assertEquals("Already closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> closed.add("be"));
        assertEquals(before, Tally.live()); // nothing was freed twice, nothing leaked
    }

    @Test
    void anArenaClosesOnceSoTheTallyIsNotFreedTwice() {
        long before = Tally.live();
        Arena arena = Arena.ofConfined();
        new Tally(arena);
        arena.close();
        assertThrows(IllegalStateException.class, arena::close);
        assertEquals(before, Tally.live());
    }

    @Test
    void rustChecksForNullWhereCWouldCrash() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment word = arena.allocateFrom("word");
            assertEquals(0, RustLib.tally_add(MemorySegment.NULL, word));
            assertEquals(0, RustLib.tally_count(MemorySegment.NULL, word));
            RustLib.tally_free(MemorySegment.NULL);
            RustLib.free_string(MemorySegment.NULL);
            assertEquals(MemorySegment.NULL, RustLib.shout(MemorySegment.NULL));
            assertEquals(0, RustLib.checked_double(2_000_000_000, MemorySegment.NULL)); // the message is dropped
        }
    }

    @Test
    void aTallyInAClosedArenaIsRefusedAndNotLeaked() {
        long before = Tally.live();
        Arena arena = Arena.ofConfined();
        arena.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Tally(arena));
        assertEquals("Already closed", e.getMessage());
        assertEquals(before, Tally.live());
    }

    @Test
    void anotherThreadCannotUseATallyOfAConfinedArena() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Tally tally = new Tally(arena);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.supplyAsync(() -> tally.add("race")).get());
            assertEquals(WrongThreadException.class, e.getCause().getClass());
            assertEquals(1, tally.add("race")); // the owner thread still can
        }
    }

    @Test
    void threadsCanShareATallyInASharedArena() throws Exception {
        long before = Tally.live();
        try (Arena arena = Arena.ofShared(); ExecutorService executor = Executors.newFixedThreadPool(4)) {
            Tally tally = new Tally(arena);
            List<CompletableFuture<Void>> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        tally.add("shared");
                    }
                }, executor));
            }
            CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get();
            assertEquals(40_000, tally.count("shared")); // Rust's Mutex: no update lost
        }
        assertEquals(before, Tally.live());
    }

    @Test
    void manyTalliesComeAndGoWithoutALeak() {
        long before = Tally.live();
        for (int i = 0; i < 10_000; i++) {
            try (Arena arena = Arena.ofConfined()) {
                new Tally(arena).add("word" + i);
            }
        }
        assertEquals(before, Tally.live());
    }
}
