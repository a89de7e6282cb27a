package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the examples as a user would, with a plain `java` command, and checks what they print. */
class ProgramsTest {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final Path JRUBY_JAR = Path.of("target/lib/jruby-complete-10.1.1.0.jar").toAbsolutePath();
    /** The Makefile's CLASSPATH (jars: what its AOT cache was made for). */
    static final String CLASSPATH = Path.of("target/ruby-to-java.jar").toAbsolutePath() + ":" + JRUBY_JAR;
    /** The Makefile's JAVA_FLAGS. */
    static final List<String> JAVA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.nio.channels=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED");
    /** The Makefile's STARTUP_FLAGS and AOT cache: what `make run` adds unless JIT=1. */
    static final List<String> STARTUP_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djruby.compile.mode=OFF", "-Djruby.native.enabled=false");
    static final List<String> LESSON_FLAGS = AotCacheTest.with(STARTUP_FLAGS,
            "-XX:AOTCache=" + Path.of("target/jruby.aot").toAbsolutePath(), "-Xlog:aot=off");

    /**
     * For the pitfall runs, which leave out a flag of the Makefile's on purpose: its other start-up
     * flags (and --disable-gems after the main class) make them quicker and change nothing they show;
     * JRuby's native code stays on, as two of them need it.
     */
    static final List<String> QUICK = STARTUP_FLAGS.stream().filter(flag -> !flag.equals("-Djruby.native.enabled=false")).toList();

    record Result(int exitCode, String stdout, String stderr) {}

    /** java QUICK args..., run from workDir. */
    static Result pitfall(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(QUICK);
        command.addAll(List.of(args));
        return run(workDir, command);
    }

    static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(args);
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish");
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /** The Makefile's $(JRUBY) ARGS, run from workDir. */
    static Result ruby(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(JAVA_FLAGS);
        command.addAll(LESSON_FLAGS);
        command.addAll(List.of("-cp", CLASSPATH, "org.jruby.main.Main", "--disable-gems"));
        command.addAll(List.of(args));
        return run(workDir, command);
    }

    static String expectedSection(String title) throws IOException {
        String expected = Files.readString(Path.of("expected-output.txt"));
        int start = expected.indexOf(title + "\n");
        int next = expected.indexOf("\n", start + title.length() + 1);
        while (next + 1 < expected.length() && expected.charAt(next + 1) == ' ') {
            next = expected.indexOf("\n", next + 1);
        }
        return expected.substring(start, next + 1);
    }

    @Test
    void theRubyScriptPrintsTheLessonAndNoWarning() throws Exception {
        Result result = ruby(Path.of("").toAbsolutePath(), "src/main/ruby/jruby/ruby_calls_java.rb");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(expectedSection("Ruby calls Java (JRuby)"), result.stdout());
    }

    @Test
    void theJavaProgramPrintsTheLessonAndNoWarning() throws Exception {
        List<String> command = new ArrayList<>(JAVA_FLAGS);
        command.addAll(LESSON_FLAGS);
        command.addAll(List.of("-cp", CLASSPATH, "rubytojava.JavaCallsRuby"));
        Result result = run(Path.of("").toAbsolutePath(), command);
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

    /** make -s TARGET... in this folder, on the build Maven is testing; its output (stdout and stderr). */
    static String make(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "-s", "--no-print-directory", "-o", "target/packaged.stamp", "-o", "target/jruby.aot"));
        command.addAll(List.of(args));
        ProcessBuilder make = new ProcessBuilder(command).redirectErrorStream(true);
        List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES").forEach(make.environment()::remove);
        make.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = make.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "make " + args[0] + " did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
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
        // What breaks on JRuby: gems with a C extension. rjb's own, where Debian installed it.
        Path rjbcore = Path.of("/usr/lib/x86_64-linux-gnu/ruby/vendor_ruby/3.1.0/rjbcore.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(rjbcore), "no rjbcore.so here");
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
