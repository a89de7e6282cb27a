package pythontojava;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java class that every Python in this example calls: Jython, GraalPy and CPython (JPype).
 * The {@code @HostAccess.Export} marks are for GraalPy's sandbox, which lets a script reach only
 * what is marked; Jython and JPype ignore them and see every public member. A method exported to a
 * sandbox is code that an attacker can call with any argument: each one bounds its work.
 */
public final class Calculator {
    /** The most numbers a method makes or reads: a script cannot make the host allocate or loop without end. */
    public static final int MAX_NUMBERS = 1_000_000;

    private Calculator() {}

    /** A Java int has 32 bits, a Python int any number: a product that does not fit is an error, not a wrong number. */
    @HostAccess.Export
    public static int multiply(int a, int b) {
        return Math.multiplyExact(a, b);
    }

    /** A Java collection for Python to use: the squares 0, 1, 4, ... of the first n numbers. */
    @HostAccess.Export
    public static List<Integer> squares(int n) {
        if (n < 0 || n > MAX_NUMBERS) {
            throw new CalculatorException("squares(" + n + "): n must be from 0 to " + MAX_NUMBERS);
        }
        List<Integer> squares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            squares.add(i * i);
        }
        return squares;
    }

    /** Java reads a collection that Python made (a Python list, seen as a java.util.List). */
    @HostAccess.Export
    public static int total(List<? extends Number> numbers) {
        checkSize("total", numbers);
        int total = 0;
        for (Number number : numbers) {
            total = Math.addExact(total, number.intValue());
        }
        return total;
    }

    /** Java calls Python back: folds the numbers with an Operation that Python implements. */
    @HostAccess.Export
    public static int reduce(List<? extends Number> numbers, Operation operation) {
        checkSize("reduce", numbers);
        if (numbers.isEmpty()) {
            throw new CalculatorException("reduce: the list is empty, there is nothing to reduce");
        }
        int result = numbers.get(0).intValue();
        for (int i = 1; i < numbers.size(); i++) {
            result = operation.apply(result, numbers.get(i).intValue());
        }
        return result;
    }

    private static void checkSize(String method, List<?> numbers) {
        if (numbers.size() > MAX_NUMBERS) {
            throw new CalculatorException(method + ": " + numbers.size() + " numbers, more than " + MAX_NUMBERS);
        }
    }

    /**
     * Java calls Python back and catches what the callback throws: shows what Java sees of it.
     * (Not exported to GraalPy's sandbox: only the JPype program uses it.)
     */
    public static String tryReduce(List<? extends Number> numbers, Operation operation) {
        try {
            return String.valueOf(reduce(numbers, operation));
        } catch (RuntimeException e) {
            return "Java caught " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Throws a Java exception for Python to catch. */
    @HostAccess.Export
    public static int divide(int a, int b) {
        if (b == 0) {
            throw new CalculatorException("cannot divide " + a + " by 0");
        }
        return a / b;
    }
}
