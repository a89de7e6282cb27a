package rusttojava;

import java.lang.foreign.Arena;

/** Rust calls Doubler.doubleInput through the unguarded upcall: run as a process by UpcallsTest. */
public final class UnguardedUpcall {
    private UnguardedUpcall() {}

    public static void main(String[] args) {
        int input = Integer.parseInt(args[0]);
        System.out.println("apply(doubleInput, " + input + ") = " + RustCalls.apply(Upcalls.upcall(Upcalls.DOUBLE_INPUT, Arena.global()), input));
    }
}
