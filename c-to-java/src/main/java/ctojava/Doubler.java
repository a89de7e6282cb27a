package ctojava;

/**
 * The Java code that C calls: by name and signature through JNI (embed.c, threads.c), and through
 * a C function pointer (FfmCallbacks, JnaCallbacks). Plain static methods.
 */
public final class Doubler {
    private Doubler() {}

    /** {@code (I)I} to JNI. Throws instead of wrapping around, so C has an exception to handle. */
    public static int doubleInput(int input) {
        return Math.multiplyExact(input, 2); // ArithmeticException: integer overflow
    }

    /** Called from a native thread, to show that Java sees it as a Java thread with the name C gave it. */
    public static String currentThreadName() {
        return Thread.currentThread().getName();
    }
}
