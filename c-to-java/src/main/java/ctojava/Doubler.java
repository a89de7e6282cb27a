package ctojava;

/** The Java code that the C programs call. Plain static methods: C finds them by name and signature. */
public final class Doubler {
    private Doubler() {}

    /** Called from C as {@code (I)I}. Throws instead of wrapping around, so C has an exception to handle. */
    public static int doubleInput(int input) {
        return Math.multiplyExact(input, 2); // ArithmeticException: integer overflow
    }

    /** Called from a native thread, to show that Java sees it as a Java thread with the name C gave it. */
    public static String currentThreadName() {
        return Thread.currentThread().getName();
    }

    /** The same call started by the {@code java} launcher: the start-up baseline of {@code make bench}. */
    public static void main(String[] args) {
        int input = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        System.out.println(input + " * 2 = " + doubleInput(input));
    }
}
