package rubytojava;

import java.util.concurrent.TimeUnit;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.ScriptingContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one call across the boundary, in each direction, through the lesson's own Calculator
 * and RubyTools. The Ruby side is measured with a loop written in Ruby (JRuby compiles it to JVM
 * bytecode), so that the figure is what a Ruby program pays per call; the Java baseline uses the
 * same loop in Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallCostBenchmark {
    static final int CALLS = 1000;
    private ScriptingContainer ruby;
    private Object tools;
    private Object loops;

    @Setup
    public void startRuby() {
        ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        // The lesson's own Ruby module (src/main/ruby/jruby/ruby_tools.rb), loaded as JavaCallsRuby does.
        tools = JavaCallsRuby.loadRubyTools(ruby, "ruby_tools.rb");
        loops = ruby.runScriptlet("""
                java_import 'rubytojava.Calculator'
                module CallLoops
                  def self.ruby_calls_java(n)
                    i = 0
                    sum = 0
                    while i < n
                      sum += Calculator.multiply(i, 2)
                      i += 1
                    end
                    sum
                  end

                  def self.ruby_calls_ruby(n)
                    i = 0
                    sum = 0
                    while i < n
                      sum += RubyTools.multiply(i, 2)
                      i += 1
                    end
                    sum
                  end
                end
                CallLoops""");
        // JRuby compiles a Ruby method to JVM bytecode after 50 calls: have that done before JMH's
        // warm-up, which then only has to wait for the JVM's JIT.
        for (int i = 0; i < 100; i++) {
            rubyCallsJava();
            rubyCallsRuby();
        }
    }

    @TearDown
    public void stopRuby() {
        ruby.terminate();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object rubyCallsJava() {
        return ruby.callMethod(loops, "ruby_calls_java", CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object rubyCallsRuby() {
        return ruby.callMethod(loops, "ruby_calls_ruby", CALLS);
    }

    /** One call through the embedding API: Java arguments in, a Ruby Integer back as a Long. */
    @Benchmark
    public Object javaCallsRuby() {
        return ruby.callMethod(tools, "multiply", 4, 2);
    }

    /** The baseline: the same loop in Java, calling a method that the JIT may not inline. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long javaCallsJava() {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += multiplyNotInlined(i, 2);
        }
        return sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int multiplyNotInlined(int a, int b) {
        return Calculator.multiply(a, b);
    }
}
