package rubytojava;

import java.util.List;
import java.util.Map;
import org.jruby.RubyHash;
import org.jruby.embed.InvokeFailedException;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.PathType;
import org.jruby.embed.ScriptingContainer;
import org.jruby.exceptions.RaiseException;

/** Java calls Ruby: a Java program embeds JRuby and calls methods of a Ruby module. */
public class JavaCallsRuby {
    public static void main(String[] args) {
        System.out.println("Java calls Ruby (JRuby ScriptingContainer)");
        // SINGLETHREAD: this container gets a Ruby runtime of its own. (The default, SINGLETON,
        // shares one runtime among every container in the JVM.)
        ScriptingContainer ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        // Like `jruby --disable-gems`: our Ruby needs no gem, and booting RubyGems is most of start-up.
        ruby.getProvider().getRubyInstanceConfig().setDisableGems(true);
        try {
            Object tools = loadRubyTools(ruby, "ruby_tools.rb");

            // Java ints go in as Ruby Integers; what comes back is a Long: Ruby has one Integer type.
            Object product = ruby.callMethod(tools, "multiply", 4, 2);
            System.out.println("  4 * 2 = " + product + "  (a " + product.getClass().getName() + ")");
            // Name the Java type you want and JRuby converts the result to it.
            Integer asInteger = ruby.callMethod(tools, "multiply", new Object[] {4, 2}, Integer.class);
            System.out.println("  4 * 2 = " + asInteger + "  (asked for Integer.class: a " + asInteger.getClass().getName() + ")");

            // A Java List goes in (Ruby iterates it like an Array); the Ruby Hash itself comes back, as a Map.
            Map<?, ?> lengths = ruby.callMethod(tools, "word_lengths", List.of("ruby", "java"), Map.class);
            Object java = lengths.get("java");
            System.out.println("  word_lengths([ruby, java]) = " + lengths + "  (an org.jruby.RubyHash: " + (lengths instanceof RubyHash) + ")");
            System.out.println("  its get(\"java\") = " + java + "  (a " + java.getClass().getName() + ")");

            // A Ruby exception arrives as a Java exception; its cause carries the Ruby backtrace.
            try {
                ruby.callMethod(tools, "parse_age", "-3");
            } catch (InvokeFailedException e) {
                // The cause is a RaiseException (here its subclass org.jruby.exceptions.ArgumentError)
                // whose stack trace is the Ruby backtrace: Ruby file, line and method.
                RaiseException rubyError = (RaiseException) e.getCause();
                System.out.println("  parse_age(\"-3\") threw " + e.getClass().getName());
                System.out.println("    caused by " + rubyError.getClass().getName() + ": " + rubyError.getMessage());
                System.out.println("    at " + rubyError.getStackTrace()[0]);
            }
        } finally {
            // Runs the runtime's at_exit blocks and stops its threads; skip it and they leak.
            ruby.terminate();
        }
        try {
            ruby.runScriptlet("1");
        } catch (IllegalStateException e) { // what a terminated container says
            System.out.println("  after terminate(): " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** Runs a Ruby file from the class path (Maven copies src/main/ruby/jruby there) and returns its value. */
    static Object loadRubyTools(ScriptingContainer ruby, String file) {
        Object value = ruby.runScriptlet(PathType.CLASSPATH, file);
        if (value == null) { // JRuby returns null, and throws nothing, when the file is not there
            throw new IllegalStateException(file + " is not on the class path; it is built into target/classes and"
                    + " target/ruby-to-java.jar: run `make` (or `mvn package`) first");
        }
        return value;
    }
}
