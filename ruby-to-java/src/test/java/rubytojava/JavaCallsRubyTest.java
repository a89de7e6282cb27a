package rubytojava;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jruby.embed.InvokeFailedException;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.ParseFailedException;
import org.jruby.embed.PathType;
import org.jruby.embed.ScriptingContainer;
import org.jruby.exceptions.RaiseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java calling the Ruby module in src/main/ruby/jruby/ruby_tools.rb, as JavaCallsRuby does. */
class JavaCallsRubyTest {
    private ScriptingContainer ruby;
    private Object tools;

    @BeforeEach
    void loadRubyTools() {
        ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        tools = JavaCallsRuby.loadRubyTools(ruby, "ruby_tools.rb");
    }

    @AfterEach
    void terminate() {
        ruby.terminate();
    }

    @Test
    void aRubyIntegerComesBackAsALongUnlessYouAskForAnotherType() {
        assertEquals(Long.valueOf(8), ruby.callMethod(tools, "multiply", 4, 2));
        assertEquals(Integer.valueOf(8), ruby.callMethod(tools, "multiply", new Object[] {4, 2}, Integer.class));
        // A cast to Integer is the classic mistake.
        Object product = ruby.callMethod(tools, "multiply", 4, 2);
        assertThrows(ClassCastException.class, () -> System.out.println((Integer) product));
    }

    @Test
    void rubyIntegersDoNotOverflowAndAreRefusedWhereTheyDoNotFit() {
        // Two Java ints whose product needs 33 bits: Ruby computes it exactly.
        assertEquals(4294967296L, ruby.callMethod(tools, "multiply", 65536, 65536));
        // Bigger than a long: a java.math.BigInteger comes back.
        assertEquals(new java.math.BigInteger("85070591730234615847396907784232501249"),
                ruby.callMethod(tools, "multiply", Long.MAX_VALUE, Long.MAX_VALUE));
        // Asked for an Integer but the value needs more than 32 bits: an error, not a wrong number.
        assertThrows(RuntimeException.class,
                () -> ruby.callMethod(tools, "multiply", new Object[] {65536, 65536}, Integer.class));
    }

    @Test
    void aJavaListGoesInAndARubyHashComesBackAsAMap() {
        Map<?, ?> lengths = ruby.callMethod(tools, "word_lengths", List.of("ruby", "java", "jvm"), Map.class);
        assertEquals(Map.of("ruby", 4L, "java", 4L, "jvm", 3L), Map.copyOf(lengths));
        assertEquals(Map.of(), ruby.callMethod(tools, "word_lengths", List.of(), Map.class));
    }

    @Test
    void aRubyExceptionIsAJavaExceptionCarryingTheRubyBacktrace() {
        InvokeFailedException e = assertThrows(InvokeFailedException.class, () -> ruby.callMethod(tools, "parse_age", "-3"));
        // JRuby has a Java subclass of RaiseException for each core Ruby exception class.
        RaiseException cause = assertInstanceOf(org.jruby.exceptions.ArgumentError.class, e.getCause());
        assertEquals("age must be 0 or more, got -3", cause.getException().getMessageAsJavaString());
        assertEquals("(ArgumentError) age must be 0 or more, got -3", cause.getMessage());
        // The stack trace is Ruby's backtrace: the Ruby method, file and line that raised.
        StackTraceElement top = cause.getStackTrace()[0];
        assertEquals("parse_age", top.getMethodName());
        assertEquals("classpath:/ruby_tools.rb", top.getFileName());
        assertTrue(top.getLineNumber() > 0);
    }

    @Test
    void badInputRaisedByRubyItselfArrivesTheSameWay() {
        InvokeFailedException e = assertThrows(InvokeFailedException.class, () -> ruby.callMethod(tools, "parse_age", "abc"));
        assertTrue(e.getCause().getMessage().contains("invalid value for Integer(): \"abc\""), e.getCause().getMessage());
        assertEquals(Long.valueOf(42), ruby.callMethod(tools, "parse_age", "42"));
    }

    @Test
    void aMethodThatDoesNotExistIsANoMethodError() {
        InvokeFailedException e = assertThrows(InvokeFailedException.class, () -> ruby.callMethod(tools, "divide", 4, 2));
        assertTrue(e.getMessage().contains("undefined method 'divide'"), e.getMessage());
    }

    @Test
    void aMissingRubyFileOnTheClassPathIsSilentlyNullSoTheExampleChecks() {
        assertEquals(null, ruby.runScriptlet(PathType.CLASSPATH, "no_such_file.rb"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JavaCallsRuby.loadRubyTools(ruby, "no_such_file.rb"));
        assertTrue(e.getMessage().startsWith("no_such_file.rb is not on the class path"), e.getMessage());
        assertTrue(e.getMessage().contains("run `make`"), e.getMessage());
    }

    @Test
    void aMissingRubyFileByPathIsAParseFailedException() {
        ParseFailedException e = assertThrows(ParseFailedException.class, () -> ruby.runScriptlet(PathType.RELATIVE, "no_such_file.rb"));
        assertInstanceOf(java.io.FileNotFoundException.class, e.getCause());
    }

    @Test
    void aRubySyntaxErrorIsAParseFailedException() {
        ParseFailedException e = assertThrows(ParseFailedException.class, () -> ruby.runScriptlet("def broken("));
        assertTrue(e.getMessage().contains("SyntaxError"), e.getMessage());
    }

    @Test
    void eachSingleThreadContainerHasItsOwnRuntime() {
        ScriptingContainer other = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        try {
            assertEquals("constant", ruby.runScriptlet("defined?(RubyTools)"));
            assertEquals(null, other.runScriptlet("defined?(RubyTools)"));
        } finally {
            other.terminate();
        }
    }

    @Test
    void defaultContainersShareOneRuntime() {
        // The default scope, SINGLETON: one runtime for every such container in the JVM.
        ScriptingContainer first = new ScriptingContainer();
        ScriptingContainer second = new ScriptingContainer();
        first.runScriptlet("$shared_by_default = 42");
        assertEquals(42L, second.runScriptlet("$shared_by_default"));
    }

    @Test
    void terminateRunsAtExitBlocks() {
        ScriptingContainer other = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        other.put("$log", log);
        other.runScriptlet("at_exit { $log << 'at_exit ran' }");
        assertEquals(List.of(), log);
        other.terminate();
        assertEquals(Arrays.asList("at_exit ran"), log);
    }

    @Test
    void terminateStopsTheRuntimesThreads() {
        ScriptingContainer other = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        other.runScriptlet("$sleeper = Thread.new { sleep }; Thread.pass until $sleeper.status == 'sleep'");
        Thread sleeper = (Thread) other.runScriptlet("require 'jruby'; JRuby.reference($sleeper).native_thread");
        assertTrue(sleeper.isAlive());
        other.terminate();
        // terminate() returns once the thread was told to stop; wait for it, with a bound against a hang.
        assertDoesNotThrow(() -> sleeper.join(java.time.Duration.ofSeconds(60)));
        assertTrue(!sleeper.isAlive(), "the Ruby thread outlived terminate()");
    }

    @Test
    void aTerminatedContainerRefusesWork() {
        ScriptingContainer other = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        other.terminate();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runScriptlet("1 + 1"));
        assertEquals("LocalContext is terminated", e.getMessage());
    }
}
