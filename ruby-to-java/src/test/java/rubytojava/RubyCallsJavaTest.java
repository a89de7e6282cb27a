package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jruby.embed.EvalFailedException;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.ScriptingContainer;
import org.jruby.exceptions.RaiseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ruby code calling Calculator, run in one Ruby runtime inside the test's JVM. */
class RubyCallsJavaTest {
    private static ScriptingContainer ruby;

    @BeforeAll
    static void startRuby() {
        ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        ruby.runScriptlet("java_import 'rubytojava.Calculator'");
    }

    @AfterAll
    static void stopRuby() {
        ruby.terminate();
    }

    private static Object eval(String rubyCode) {
        return ruby.runScriptlet(rubyCode);
    }

    @Test
    void aStaticJavaMethodIsARubyClassMethod() {
        assertEquals(8L, eval("Calculator.multiply(4, 2)"));
        assertEquals(-21L, eval("Calculator.multiply(-7, 3)"));
    }

    @Test
    void aJavaListTakesRubyBlocks() {
        assertEquals(List.of(2L, 5L, 10L, 17L), eval("Calculator.squares(4).map { |x| x + 1 }"));
        assertEquals(30L, eval("Calculator.squares(4).sum"));
        assertEquals("java.util.ArrayList", eval("Calculator.squares(1).java_class.name"));
        assertEquals(List.of(), eval("Calculator.squares(0).to_a"));
    }

    @Test
    void aRubyBlockBecomesTheFunctionalInterfaceAndJavaCallsItBack() {
        assertEquals(11L, eval("Calculator.apply_twice(3) { |x| x + 4 }"));
        // Java called the block twice, each time with the previous result.
        assertEquals(List.of(1L, 2L), eval("seen = []; Calculator.apply_twice(1) { |x| seen << x; x * 2 }; seen"));
        // A lambda converts too, and the camelCase name works as well as the snake_case one.
        assertEquals(50L, eval("Calculator.applyTwice(2, ->(x) { x * 5 })"));
    }

    @Test
    void aJavaExceptionIsRescuedByItsJavaClass() {
        assertEquals("percent must be 0..100, got 250", eval("""
                begin
                  Calculator.parse_percent('250')
                rescue java.lang.IllegalArgumentException => e
                  e.message
                end"""));
        // NumberFormatException is an IllegalArgumentException, in Ruby as in Java.
        assertEquals("Java::JavaLang::NumberFormatException", eval("""
                begin
                  Calculator.parse_percent('abc')
                rescue java.lang.IllegalArgumentException => e
                  e.class.name
                end"""));
    }

    @Test
    void textOutsideTheBmpRoundTrips() {
        // A Ruby String becomes a java.lang.String and back: the emoji is one Ruby character, two Java chars.
        assertEquals("c \uD83E\uDD80 bña", eval("Calculator.reverse('añb 🦀 c')"));
        assertEquals(true, eval("text = 'añb 🦀 c'; Calculator.reverse(text) == text.reverse && Calculator.reverse(text).encoding == Encoding::UTF_8"));
        assertEquals(List.of(7L, 8L), eval("text = 'añb 🦀 c'; [text.length, java.lang.String.new(text).length]"));
    }

    @Test
    void aJavaExceptionNobodyRescuesReachesTheEmbeddingJavaCodeUnchanged() {
        EvalFailedException e = assertThrows(EvalFailedException.class, () -> eval("Calculator.parse_percent(nil)"));
        assertInstanceOf(NullPointerException.class, e.getCause());
    }

    @Test
    void aRubyExceptionRaisedInsideTheCallbackComesBackThroughJava() {
        assertEquals("ArgumentError: bad 7", eval("""
                begin
                  Calculator.apply_twice(7) { |x| raise ArgumentError, "bad #{x}" }
                rescue ArgumentError => e
                  "#{e.class}: #{e.message}"
                end"""));
    }

    @Test
    void integersThatDoNotFitAJavaIntAreRefusedButJavaArithmeticStillOverflows() {
        // Ruby Integers have no size limit; a Java int parameter takes 32 bits or raises RangeError.
        assertEquals("RangeError: too big for int: 1099511627776", eval("""
                begin
                  Calculator.multiply(2**40, 1)
                rescue RangeError => e
                  "#{e.class}: #{e.message}"
                end"""));
        // Both arguments fit, the product does not: Java's int arithmetic wraps around, silently.
        assertEquals(0L, eval("Calculator.multiply(2**30, 4)"));
        assertEquals(4294967296L, eval("2**30 * 4"));
    }

    @Test
    void anArgumentOfTheWrongTypeIsATypeErrorNamingTheType() {
        RaiseException e = assertThrows(EvalFailedException.class, () -> eval("Calculator.multiply('4', 2)"))
                .getCause() instanceof RaiseException raise ? raise : null;
        assertTrue(e != null && e.getMessage().contains("cannot convert instance of String to int"), String.valueOf(e));
    }

    @Test
    void aMissingJavaClassIsANameError() {
        EvalFailedException e = assertThrows(EvalFailedException.class, () -> eval("java_import 'rubytojava.NoSuchClass'"));
        assertTrue(e.getMessage().contains("Java class rubytojava.NoSuchClass not found"), e.getMessage());
    }
}
