package nodetojava;

import java.util.function.IntUnaryOperator;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java API that the JavaScript side may use: the host puts one instance into the script's
 * global scope as {@code calculator}. Only the members marked {@link HostAccess.Export} are
 * visible to scripts (the context uses {@link HostAccess#EXPLICIT}); everything else, including
 * the methods every object inherits such as {@code getClass()}, stays out of reach.
 */
public final class Calculator {

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

    /** Not exported: a script cannot see or call it (a test checks). */
    public String secret() {
        return "the host's secret";
    }
}
