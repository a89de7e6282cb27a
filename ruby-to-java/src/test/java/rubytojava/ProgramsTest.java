package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.CLASSPATH;
import static rubytojava.Programs.JAVA_FLAGS;
import static rubytojava.Programs.JRUBY_JAR;
import static rubytojava.Programs.LESSON_FLAGS;
import static rubytojava.Programs.STARTUP_FLAGS;
import static rubytojava.Programs.expectedSection;
import static rubytojava.Programs.make;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/** Runs the examples as a user would, with a plain `java` command, and checks what they print. */
class ProgramsTest {
    /**
     * For the pitfall runs, which leave out a flag of the Makefile's on purpose: its other start-up
     * flags (and --disable-gems after the main class) make them quicker and change nothing they show;
     * JRuby's native code stays on, as two of them need it.
     */
    static final List<String> QUICK = STARTUP_FLAGS.stream().filter(flag -> !flag.equals("-Djruby.native.enabled=false")).toList();

    /** java QUICK args..., run from workDir. */
    static Result pitfall(Path workDir, String... args) throws IOException, InterruptedException {
        return Programs.java(workDir, Programs.with(QUICK, args));
    }

    static Result ruby(Path workDir, String... args) throws IOException, InterruptedException {
        return Programs.jruby(workDir, Map.of(), args);
    }

    @Test
    void theRubyScriptPrintsTheLessonAndNoWarning() throws Exception {
        Result result = ruby(Path.of("").toAbsolutePath(), "src/main/ruby/jruby/ruby_calls_java.rb");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(expectedSection("Ruby calls Java (JRuby)"), result.stdout());
    }

    @Test
    void textOutsideTheBmpRoundTripsUnderTheCLocaleToo() throws Exception {
        // JRuby reads the locale (LC_ALL=C: US-ASCII) for its default external encoding.
        Result result = Programs.jruby(Path.of("").toAbsolutePath(), Map.of("LC_ALL", "C", "LANG", "C"),
                "src/main/ruby/jruby/ruby_calls_java.rb");
        assertEquals(new Result(0, expectedSection("Ruby calls Java (JRuby)"), ""), result);
        assertTrue(result.stdout().contains("\"c \uD83E\uDD80 bña\", as Ruby's reverse: true"), result.stdout());
    }

    @Test
    void theJavaProgramPrintsTheLessonAndNoWarning() throws Exception {
        List<String> command = new ArrayList<>(JAVA_FLAGS);
        command.addAll(LESSON_FLAGS);
        command.addAll(List.of("-cp", CLASSPATH, "rubytojava.JavaCallsRuby"));
        Result result = Programs.java(Path.of("").toAbsolutePath(), command);
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(expectedSection("Java calls Ruby (JRuby ScriptingContainer)"), result.stdout());
    }

    @Test
    void aUsersOwnScriptSeesTheExamplesJavaClasses(@TempDir Path dir) throws Exception {
        // What `make run SCRIPT=...` does.
        Files.writeString(dir.resolve("mine.rb"), """
                java_import 'rubytojava.Calculator'
                puts Calculator.multiply(6, 7)
                puts Calculator.squares(3).map { |x| x * 10 }.inspect
                """);
        Result result = ruby(dir, "mine.rb");
        assertEquals("", result.stderr());
        assertEquals("42\n[10, 40, 90]\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void aScriptThatFailsExitsNonZeroWithTheRubyBacktraceAndNoOtherWarning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fails.rb"), """
                java_import 'rubytojava.Calculator'
                def check(text) = Calculator.parse_percent(text)
                check('250')
                """);
        Result result = ruby(dir, "fails.rb");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("percent must be 0..100, got 250"), result.stderr());
        assertTrue(result.stderr().contains("fails.rb:2"), "the Ruby line that called Java: " + result.stderr());
        // Without the --add-opens flags JRuby adds "Some JDK modules may not be open to jnr-posix".
        assertTrue(!result.stderr().contains("may not be open"), result.stderr());
    }

    @Test
    void aJavaErrorIsNotAStandardErrorSoRescueWithoutAClassLetsItGo(@TempDir Path dir) throws Exception {
        // In its own process: the OutOfMemoryError (String.repeat past the largest String, thrown
        // at once, allocating nothing) would stop the test JVM's JUnit, which rethrows one.
        Result result = ruby(dir, "-e", """
                too_long = -> { java.lang.String.new('ab').repeat(2**31 - 1) }
                begin; java.lang.String.new('ab').repeat(-1); rescue => e; puts "rescue => e caught #{e.class}"; end
                begin
                  begin; too_long.call; rescue => e; puts "rescue => e caught #{e.class}"; end
                rescue java.lang.Error => e
                  puts "rescue java.lang.Error caught #{e.class}"
                end
                """);
        assertEquals(new Result(0, """
                rescue => e caught Java::JavaLang::IllegalArgumentException
                rescue java.lang.Error caught Java::JavaLang::OutOfMemoryError
                """, ""), result);
    }

    @Test
    void withoutTheAddOpensFlagsJRubyWarnsWhenItPrintsAnError(@TempDir Path dir) throws Exception {
        // Why the Makefile passes the four --add-opens that JRuby's manifest names.
        Result result = pitfall(dir, "--enable-native-access=ALL-UNNAMED", "-cp", CLASSPATH,
                "org.jruby.main.Main", "--disable-gems", "-e", "raise 'boom'");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("Some JDK modules may not be open to jnr-posix"), result.stderr());
    }

    @Test
    void withoutEnableNativeAccessJdk25Warns(@TempDir Path dir) throws Exception {
        // Why every command line carries --enable-native-access: JRuby loads jffi with System.load
        // (unless -Djruby.native.enabled=false, as make run has it; JIT=1 turns native code on).
        Result result = pitfall(dir, "-cp", CLASSPATH, "org.jruby.main.Main", "--disable-gems", "-e", "puts 4 * 2");
        assertEquals("8\n", result.stdout());
        assertTrue(result.stderr().contains("WARNING: java.lang.System::load has been called by com.kenai.jffi"), result.stderr());
    }

    @Test
    void makeRunHasJRubysJitAndNativeCodeOffAndJitOneTurnsThemOn(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("mode.rb"), """
                require 'jruby'
                puts "#{JRuby.runtime.instance_config.compile_mode} #{JRuby.runtime.posix.native?}"
                """);
        assertEquals("OFF false\n", make("run", "SCRIPT=" + script));
        assertEquals("JIT true\n", make("run", "SCRIPT=" + script, "JIT=1"));
    }

    @Test
    void aMissingScriptIsOneClearError(@TempDir Path dir) throws Exception {
        Result result = ruby(dir, "no_such_script.rb");
        assertEquals(1, result.exitCode());
        assertEquals("Error opening script file: no_such_script.rb (No such file or directory)\n", result.stderr());
    }

    @Test
    void javaDashJarIgnoresTheClassPathSoTheJavaClassIsNotFound(@TempDir Path dir) throws Exception {
        // The pitfall: with -jar, java ignores -cp (and CLASSPATH), so Ruby cannot see our classes.
        String script = "java_import 'rubytojava.Calculator'; puts Calculator.multiply(4, 2)";
        Result ignored = pitfall(dir, "-cp", CLASSPATH, "-jar", JRUBY_JAR.toString(), "--disable-gems", "-e", script);
        assertEquals(1, ignored.exitCode());
        assertTrue(ignored.stderr().contains("NameError: Java class rubytojava.Calculator not found"), ignored.stderr());
        // One fix from Ruby's side: add the folder to JRuby's $CLASSPATH before importing.
        String classes = Path.of("target/classes").toAbsolutePath() + "/";
        Result fixed = pitfall(dir, "-jar", JRUBY_JAR.toString(), "--disable-gems", "-e", "$CLASSPATH << '" + classes + "'; " + script);
        assertEquals("", fixed.stderr());
        assertEquals("8\n", fixed.stdout());
    }

    @Test
    void jrubyDoesNotLoadACRubyCExtension(@TempDir Path dir) throws Exception {
        // What breaks on JRuby: gems with a C extension. rjb's own, found where CRuby loads it from.
        Result where = Programs.cruby(dir, Map.of(), "-e", "require 'rjb'; puts $LOADED_FEATURES.grep(/rjbcore/)");
        Programs.assumeOrFailUnderCi(where.exitCode() == 0, "CRuby + rjb is not installed: " + where.stderr().strip());
        Path rjbcore = Path.of(where.stdout().strip());
        assertTrue(Files.isRegularFile(rjbcore) && rjbcore.toString().endsWith(".so"), where.stdout());
        Result result = ruby(dir, "-e", "$LOAD_PATH << '" + rjbcore.getParent() + "'; require 'rjbcore'");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("LoadError: cannot load such file -- rjbcore"), result.stderr());
    }

    @Test
    void withoutRjbTheCRubyPartIsOneSkipLineAndTheRestIsChecked() throws Exception {
        // What `make all` does with NO_INSTALL=1 where rjb is missing (here: a ruby that is not there).
        // -o: the build is done (Maven is running these tests), so make must not start it again.
        String output = make("all", "NO_INSTALL=1", "CRUBY=/nonexistent/ruby");
        assertEquals("""
                ruby-to-java: output matches expected-output.txt
                SKIP: CRuby + rjb: not installed, and NO_INSTALL=1 says not to install it; to install it: apt-get install -y ruby-rjb
                """, output);
    }
}
