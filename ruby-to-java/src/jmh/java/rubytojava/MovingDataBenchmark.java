package rubytojava;

import java.util.concurrent.TimeUnit;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.PathType;
import org.jruby.embed.ScriptingContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Moving {@code size} bytes between JRuby and Java (the "data" rows): each op is one call of the
 * lesson's own function (src/main/ruby/jruby/moving_data.rb) from a Ruby loop, as a Ruby program
 * makes it; the loop runs {@link #TRANSFERS} of them per call from Java, so that the embedding
 * call (ScriptingContainer.callMethod) is spread thin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MovingDataBenchmark {
    static final int TRANSFERS = 32;

    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    // One Ruby runtime for every size that runs in this JVM (all of them under `-f 0`, as bench/rows
    // runs them): JRuby starts once, and its compiled loops carry over from one size to the next.
    private static ScriptingContainer ruby;
    private static Object loops;
    private Payload payload;

    @Setup
    public void prepare() {
        startRuby();
        ruby.callMethod(loops, "prepare", size);
        payload = new Payload(size);
        check();
    }

    private static synchronized void startRuby() {
        if (ruby != null) {
            return;
        }
        ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        ruby.getProvider().getRubyInstanceConfig().setDisableGems(true);
        ruby.runScriptlet(PathType.CLASSPATH, "moving_data.rb");
        // The Strings stay in Ruby (in DataLoops): one handed to Java by callMethod would come back
        // as a java.lang.String, and then as a UTF-8 Ruby String, not these binary bytes.
        loops = ruby.runScriptlet("""
                module DataLoops
                  PERIOD = Array.new(256) { |i| (i * 31 + 7) & 0xff }.pack('C*') # Payload.pattern's bytes

                  def self.prepare(size)
                    @string = (PERIOD * (size / 256 + 1)).byteslice(0, size)
                    @target = "\\0".b * size
                  end

                  def self.to_java_bytes(payload, n) = n.times { MovingData.to_java_bytes(payload, @string) }
                  def self.view_to_java(payload, n) = n.times { MovingData.view_to_java(payload, @string) }
                  def self.view_from_java(payload, n) = n.times { MovingData.view_from_java(payload, @target) }

                  def self.from_java_bytes(payload, n)
                    last = nil
                    n.times { last = MovingData.from_java_bytes(payload) }
                    last.bytesize
                  end
                end
                DataLoops""");
        Runtime.getRuntime().addShutdownHook(new Thread(ruby::terminate));
    }

    private void check() {
        // What is timed must move the right bytes: one transfer in, checked as the tests check it.
        ruby.callMethod(loops, "view_to_java", payload, 1);
        if (payload.receivedChecksum() != Payload.checksum(Payload.pattern(size))) {
            throw new IllegalStateException("the payload of " + size + " bytes arrived wrong");
        }
        // JRuby compiles a Ruby method to JVM bytecode after 50 calls (as CallCostBenchmark says),
        // then the JVM compiles that: done here for the small sizes, whose figures are the calls'
        // fixed cost, so that JMH's short warm-up does not measure the interpreters. Above 64 KiB
        // one transfer is long enough for the interpreters' share not to matter.
        int calls = size <= 1024 ? 2000 : size <= 65536 ? 60 : 0;
        for (int i = 0; i < calls; i++) {
            for (String loop : new String[] {"to_java_bytes", "view_to_java", "from_java_bytes", "view_from_java"}) {
                ruby.callMethod(loops, loop, payload, 1);
            }
        }
    }

    /** Ruby -> Java: {@code string.to_java_bytes}, a new byte[] per transfer. */
    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public Object toJavaBytes() {
        ruby.callMethod(loops, "to_java_bytes", payload, TRANSFERS);
        return payload;
    }

    /** Ruby -> Java: Java copies from a view of the String's own bytes into its own array. */
    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public Object viewToJava() {
        ruby.callMethod(loops, "view_to_java", payload, TRANSFERS);
        return payload;
    }

    /** Java -> Ruby: {@code String.from_java_bytes}, a new String per transfer (the last one's size returned). */
    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public Object fromJavaBytes() {
        return ruby.callMethod(loops, "from_java_bytes", payload, TRANSFERS);
    }

    /** Java -> Ruby: Java copies into a String that Ruby made once, through a view of its bytes. */
    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public Object viewFromJava() {
        ruby.callMethod(loops, "view_from_java", payload, TRANSFERS);
        return payload;
    }
}
