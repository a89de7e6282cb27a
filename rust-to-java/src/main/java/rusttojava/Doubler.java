package rusttojava;

/** The Java methods that Rust calls: through JNI (embed) and through function pointers (Upcalls). */
public final class Doubler {
    private Doubler() {}

    /** Doubles {@code input}; throws ArithmeticException if the result does not fit in an int. */
    public static int doubleInput(int input) {
        return Math.multiplyExact(input, 2);
    }

    /** The name of the calling thread, as Java sees it. */
    public static String currentThreadName() {
        return Thread.currentThread().getName();
    }
}
