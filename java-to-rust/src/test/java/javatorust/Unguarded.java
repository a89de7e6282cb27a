package javatorust;

/** Calls unguarded_double, whose panic Rust cannot stop: run as a process by ProgramsTest. */
public final class Unguarded {
    private Unguarded() {}

    public static void main(String[] args) {
        int input = Integer.parseInt(args[0]);
        System.out.println("unguarded_double(" + input + ") = " + RustLib.unguarded_double(input));
    }
}
