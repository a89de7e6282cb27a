package rubytojava;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Plain Java that the Ruby script calls: nothing here knows about Ruby. */
public class Calculator {
    public static int multiply(int a, int b) {
        return a * b;
    }

    /** A Java collection for Ruby to use: the squares 1², 2², ..., n². */
    public static List<Integer> squares(int n) {
        List<Integer> result = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            result.add(i * i);
        }
        return result;
    }

    /**
     * Java wants a functional interface and calls it back twice. The interface is the LAST
     * parameter so that a Ruby block can stand in for it: JRuby converts a block only there.
     */
    public static int applyTwice(int value, IntUnaryOperator function) {
        return function.applyAsInt(function.applyAsInt(value));
    }

    /**
     * Text both ways. A Java String is UTF-16: a character outside the BMP (an emoji) is two chars,
     * a surrogate pair, and StringBuilder.reverse keeps each pair in order.
     */
    public static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    /** Throws Java exceptions for Ruby to rescue. */
    public static int parsePercent(String text) {
        int value = Integer.parseInt(text.strip()); // NumberFormatException if not a number
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + value);
        }
        return value;
    }
}
