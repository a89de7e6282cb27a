package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRuby calling Java through rjb, driven as processes: the `ruby` process itself hosts the JVM.
 * Skipped when rjb is not installed (`make test` installs it through need.sh when it can).
 */
class RjbTest {
    static final String CRUBY = System.getenv().getOrDefault("CRUBY", "/usr/bin/ruby");
    static final String JDK = System.getProperty("java.home");
    static final String LESSON = Path.of("src/main/ruby/rjb/ruby_calls_java.rb").toAbsolutePath().toString();
    static final String CLASSES = Path.of("target/classes").toAbsolutePath().toString();
    /** What a script needs first: rjb, and the JVM loaded with the example's classes. */
    static final String LOAD = "require 'rjb'; Rjb.load('" + CLASSES + "', []); "
            + "Calculator = Rjb.import('rubytojava.Calculator'); ";
    @TempDir static Path dir;

    record Result(int exitCode, String stdout, String stderr) {}

    @BeforeAll
    static void rjbIsInstalled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(CRUBY)), CRUBY + " is not installed");
        assumeTrue(run(Map.of(), "-e", "require 'rjb'").exitCode() == 0, "rjb is not installed (apt-get install ruby-rjb)");
    }

    /** Runs CRUBY ARGS with JAVA_HOME at the test's JDK (changed by env), and checks that nothing is left running. */
    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CRUBY));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", JDK);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        List<ProcessHandle> left = process.descendants().toList();
        process.destroyForcibly().waitFor();
        assertTrue(finished, "the ruby process did not finish: " + command);
        assertEquals(List.of(), left, "processes left running");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Result script(String ruby) throws IOException, InterruptedException {
        return run(Map.of(), "-e", LOAD + ruby);
    }

    @Test
    void theLessonPrintsItsSectionAndNothingElse() throws Exception {
        Result result = run(Map.of(), LESSON, CLASSES);
        assertEquals(new Result(0, ProgramsTest.expectedSection("Ruby calls Java (CRuby + rjb)"), ""), result);
    }

    @Test
    void theRubyProcessItselfLoadsTheJvmFromJavaHome() throws Exception {
        Result result = script("puts File.read('/proc/self/maps')[%r{\\S*/libjvm\\.so}]; "
                + "puts Rjb.import('java.lang.ProcessHandle').current.pid == Process.pid");
        assertEquals(new Result(0, JDK + "/lib/server/libjvm.so\ntrue\n", ""), result);
    }

    @Test
    void aJdkOlderThan25IsOneClearLine() throws Exception {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isDirectory(jdk17), "no JDK 17 here");
        Result result = run(Map.of("JAVA_HOME", jdk17.toString()), LESSON, CLASSES);
        assertEquals(new Result(1, "", "ruby_calls_java.rb: JAVA_HOME must be a JDK 25 or newer, not \"" + jdk17
                + "\" (Java 17); set it, or run `make run`\n"), result);
        // What the check prevents: rjb loads the old JVM, which cannot read our class files.
        Result raw = run(Map.of("JAVA_HOME", jdk17.toString()), "-e", LOAD);
        assertTrue(raw.stderr().contains("UnsupportedClassVersionError"), raw.stderr());
    }

    @Test
    void noJavaHomeIsOneClearLine() throws Exception {
        Result result = run(Map.of("JAVA_HOME", ""), LESSON, CLASSES);
        assertEquals(new Result(1, "", "ruby_calls_java.rb: JAVA_HOME must be a JDK 25 or newer, not \"\"; "
                + "set it, or run `make run`\n"), result);
    }

    @Test
    void aMissingClassIsARubyErrorNamingIt() throws Exception {
        Result result = script("Rjb.import('rubytojava.NoSuchClass')");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("rubytojava/NoSuchClass (NoClassDefFoundError)"), result.stderr());
        Result rescued = script("begin; Rjb.import('rubytojava.NoSuchClass'); rescue => e; puts \"#{e.class}: #{e.message}\"; end");
        assertEquals(new Result(0, "NoClassDefFoundError: rubytojava/NoSuchClass\n", ""), rescued);
    }

    @Test
    void aClassPathWithoutTheLessonsClassesIsOneClearLine() throws Exception {
        Result result = run(Map.of(), LESSON, dir.toString());
        assertEquals(new Result(1, "", "ruby_calls_java.rb: NoClassDefFoundError: rubytojava/Calculator is not in \""
                + dir + "\"; run `make` first\n"), result);
    }

    @Test
    void aJavaExceptionKeepsItsMessageButNotItsJavaHierarchy() throws Exception {
        Result result = script("""
                begin; Calculator.parsePercent('250'); rescue IllegalArgumentException => e; puts e.message; end
                p NumberFormatException rescue puts 'no NumberFormatException class before one is thrown'
                begin
                  Calculator.parsePercent('abc')
                rescue IllegalArgumentException
                  puts 'rescued as an IllegalArgumentException'
                rescue StandardError => e
                  puts "not an IllegalArgumentException in Ruby: #{e.class} < #{e.class.superclass}: #{e.message}"
                end
                """);
        assertEquals(new Result(0, """
                percent must be 0..100, got 250
                no NumberFormatException class before one is thrown
                not an IllegalArgumentException in Ruby: NumberFormatException < StandardError: For input string: "abc"
                """, ""), result);
    }

    @Test
    void aRescueOfAJavaClassNeverThrownYetIsANameError() throws Exception {
        Result result = script("begin; Calculator.parsePercent('abc'); rescue IllegalArgumentException; end");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("uninitialized constant IllegalArgumentException (NameError)"), result.stderr());
    }

    @Test
    void aRubyExceptionInACallbackIsLostUnlessThrownAsAJavaException() throws Exception {
        Result result = script("""
                class Refuser; def applyAsInt(x) = raise(ArgumentError, 'no'); end
                class Thrower; def applyAsInt(x) = Rjb.throw('java.lang.IllegalStateException', "refused #{x}"); end
                [Refuser, Thrower].each do |callback|
                  Calculator.applyTwice(7, Rjb.bind(callback.new, 'java.util.function.IntUnaryOperator'))
                rescue StandardError => e
                  puts "#{e.class}: #{e.message}"
                  puts e.getStackTrace.map(&:toString).grep(/Calculator/).first
                end
                """);
        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        // Refuser: Java got null where it wanted an int.
        assertTrue(lines.get(0).startsWith("NullPointerException: Cannot invoke \"java.lang.Integer.intValue()\""), lines.get(0));
        // Thrower: a Java exception, thrown through Java's own frame (applyTwice), message kept.
        assertEquals("IllegalStateException: refused 7", lines.get(2));
        assertTrue(lines.get(3).startsWith("rubytojava.Calculator.applyTwice(Calculator.java:"), lines.get(3));
        assertEquals("", result.stderr());
    }

    @Test
    void rubyThreadsMayCallJava() throws Exception {
        Result result = script("puts Array.new(8) { |i| Thread.new { (1..500).sum { |k| Calculator.multiply(k, i) } } }.map(&:value).inspect");
        assertEquals(new Result(0, "[0, 125250, 250500, 375750, 501000, 626250, 751500, 876750]\n", ""), result);
    }

    @Test
    void aJavaCallThatBlocksStopsEveryRubyThread() throws Exception {
        // The taker waits in Java holding Ruby's global lock, so the main thread never runs again
        // (it would put, and both would finish): a deadlock, and one that SIGTERM does not end.
        Path out = dir.resolve("blocked.txt");
        ProcessBuilder builder = new ProcessBuilder(CRUBY, "-e", LOAD + """
                $stdout.sync = true
                queue = Rjb.import('java.util.concurrent.LinkedBlockingQueue').new
                waiting = false
                Thread.new { puts 'taker: waits in Java'; waiting = true; queue.take }
                Thread.pass until waiting
                puts 'main: runs again'
                queue.put('x')
                """).directory(dir.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", JDK);
        Process process = builder.start();
        for (int i = 0; i < 600 && process.isAlive() && !Files.readString(out).contains("taker: waits in Java"); i++) {
            Thread.sleep(100); // the JVM starting, then the taker entering Java
        }
        assertFalse(process.waitFor(2, TimeUnit.SECONDS), "it finished: " + Files.readString(out));
        process.destroy(); // SIGTERM
        assertFalse(process.waitFor(1, TimeUnit.SECONDS), "SIGTERM ended it");
        process.destroyForcibly().waitFor();
        assertEquals("taker: waits in Java\n", Files.readString(out));
    }

    @Test
    void aJavaThreadCallingRubyCrashesTheProcess() throws Exception {
        // The limit: Ruby code may only run on a thread that Ruby made. rjb does not check.
        Result result = script("""
                class Job; def run = puts('never printed'); end
                thread = Rjb.import('java.lang.Thread').new(Rjb.bind(Job.new, 'java.lang.Runnable'))
                thread.start
                thread.join
                """);
        assertNotEquals(0, result.exitCode());
        assertFalse(result.stdout().contains("never printed"), result.stdout());
        assertTrue(result.stderr().contains("[BUG] Segmentation fault"), result.stderr().lines().findFirst().orElse(""));
    }
}
