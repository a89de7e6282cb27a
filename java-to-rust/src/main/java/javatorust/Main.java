package javatorust;

import java.lang.foreign.Arena;

/** The lesson: Java calls Rust through the FFM API. Run it with `make run`. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            lesson();
        } catch (ExceptionInInitializerError e) { // RustLib's static block: the library is missing
            // (or native access is denied: --illegal-native-access=deny, the future default)
            String fix = e.getCause() instanceof IllegalCallerException ? ": run java with --enable-native-access=ALL-UNNAMED" : "";
            System.err.println("error: " + e.getCause().getMessage() + fix);
            System.exit(1);
        }
    }

    private static void lesson() {
        System.out.println("Java calls Rust through the FFM API (librustlib.so, a Rust cdylib)");
        System.out.println("  double_input(4): 4 * 2 = " + Rust.doubleInput(4));

        String text = "Grüße, Ferris 🦀"; // UTF-8 both ways, whatever the locale: FFM's strings are UTF-8
        System.out.println("  shout(\"" + text + "\") = \"" + Rust.shout(text) + "\"");

        System.out.println("A Rust Tally behind an opaque pointer, owned by a Java arena");
        Tally leftOver;
        try (Arena arena = Arena.ofConfined()) {
            Tally tally = new Tally(arena);
            for (String word : "to be or not to be".split(" ")) {
                tally.add(word);
            }
            System.out.println("  to be or not to be: count(\"be\") = " + tally.count("be")
                    + ", count(\"question\") = " + tally.count("question"));
            System.out.println("  live tallies in Rust: " + Tally.live());
            leftOver = tally;
        } // the arena closes: tally_free runs
        System.out.println("  after the arena closed: " + Tally.live());
        try {
            leftOver.count("be");
        } catch (IllegalStateException e) {
            System.out.println("  used again: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        System.out.println("A Rust panic stops at the boundary");
        System.out.println("  checked_double(21) = " + Rust.checkedDouble(21));
        try {
            Rust.checkedDouble(2_000_000_000);
        } catch (RustPanicException e) {
            System.out.println("  checked_double(2000000000): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        Threads.lesson();
    }
}
