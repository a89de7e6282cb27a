package nodetojava;

import java.util.function.IntUnaryOperator;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java API that the JavaScript side may use: the host puts one instance into the script's
 * global scope as {@code calculator}. Only the members marked {@link HostAccess.Export} are
 * visible to scripts (the context uses {@link HostAccess#EXPLICIT}); everything else, including
 * the methods every object inherits such as {@code getClass()}, stays out of reach. An exported
 * method is code that an attacker can call with any argument: each one bounds its work.
 */
public final class Calculator {
    /** The longest string {@link #repeat} makes: a script cannot make the host allocate without bound. */
    public static final int MAX_CHARS = 1_000_000;

    @HostAccess.Export
    public int multiply(int a, int b) {
        return a * b;
    }

    /**
     * Calls a JavaScript function back twice: GraalJS turns a JS function into a Java functional
     * interface when it is passed where one is expected.
     */
    @HostAccess.Export
    public int applyTwice(IntUnaryOperator function, int value) {
        return function.applyAsInt(function.applyAsInt(value));
    }

    /** Throws {@link ArithmeticException} for a zero divisor, which a script can catch. */
    @HostAccess.Export
    public int divide(int dividend, int divisor) {
        return dividend / divisor;
    }

    /** A string from JS, repeated by Java: at most {@link #MAX_CHARS} characters, and never a negative count. */
    @HostAccess.Export
    public String repeat(String text, int times) {
        if (times < 0 || (long) text.length() * times > MAX_CHARS) {
            throw new IllegalArgumentException("repeat: " + times + " times " + text.length()
                    + " characters; the result may have 0 to " + MAX_CHARS + " characters");
        }
        return text.repeat(times);
    }

    /** Not exported: a script cannot see or call it (a test checks). */
    public String secret() {
        return "the host's secret";
    }
}
