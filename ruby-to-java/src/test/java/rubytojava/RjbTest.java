package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.JDK;
import static rubytojava.Programs.expectedSection;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/**
 * CRuby calling Java through rjb, driven as processes: the `ruby` process itself hosts the JVM.
 * Skipped when rjb is not installed (`make test` installs it through need.sh when it can), except
 * under CI=true, where that fails.
 */
class RjbTest {
    static final String LESSON = Path.of("src/main/ruby/rjb/ruby_calls_java.rb").toAbsolutePath().toString();
    static final String CLASSES = Path.of("target/classes").toAbsolutePath().toString();
    /** What a script needs first: rjb, and the JVM loaded with the example's classes. */
    static final String LOAD = "require 'rjb'; Rjb.load('" + CLASSES + "', []); "
            + "Calculator = Rjb.import('rubytojava.Calculator'); ";
    @TempDir static Path dir;

    @BeforeAll
    static void rjbIsInstalled() throws Exception {
        Programs.assumeOrFailUnderCi(Files.isExecutable(Path.of(Programs.CRUBY)), Programs.CRUBY + " is not installed");
        Programs.assumeOrFailUnderCi(run(Map.of(), "-e", "require 'rjb'").exitCode() == 0, "rjb is not installed (apt-get install ruby-rjb)");
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Programs.cruby(dir, env, args);
    }

    static Result script(String ruby) throws IOException, InterruptedException {
        return run(Map.of(), "-e", LOAD + ruby);
    }

    @Test
    void theLessonPrintsItsSectionAndNothingElse() throws Exception {
        Result result = run(Map.of(), LESSON, CLASSES);
        assertEquals(new Result(0, expectedSection("Ruby calls Java (CRuby + rjb)"), ""), result);
    }

    @Test
    void theLessonsTextOutsideTheBmpRoundTripsUnderTheCLocaleToo() throws Exception {
        Result result = run(Map.of("LC_ALL", "C", "LANG", "C"), LESSON, CLASSES);
        assertEquals(new Result(0, expectedSection("Ruby calls Java (CRuby + rjb)"), ""), result);
        assertTrue(result.stdout().contains("\"c \uD83E\uDD80 bña\", as Ruby's reverse: true"), result.stdout());
    }

    @Test
    void withoutConvertingRjbGarblesTextOutsideTheBmp() throws Exception {
        // What the lesson's to_java and from_java are for: rjb 1.5.5 hands Ruby's UTF-8 to JNI as it is.
        Result result = script("""
                text = 'añb 🦀 c'
                puts Rjb.import('java.lang.StringBuilder').new(text).length
                puts Calculator.reverse(text) == text.reverse
                back = Calculator.reverse(text.encode('CESU-8').force_encoding('UTF-8'))
                puts back.valid_encoding?, back.force_encoding('CESU-8').encode('UTF-8') == text.reverse
                """);
        // Java should see 8 chars (the emoji is a surrogate pair); what came back is not the reverse,
        // and even a correct Java string comes back as CESU-8, invalid UTF-8 for Ruby.
        List<String> lines = result.stdout().lines().toList();
        assertEquals(0, result.exitCode(), result.stderr());
        assertNotEquals("8", lines.get(0));
        assertEquals(List.of("false", "false", "true"), lines.subList(1, 4));
    }

    @Test
    void theRubyProcessItselfLoadsTheJvmFromJavaHome() throws Exception {
        Result result = script("puts File.read('/proc/self/maps')[%r{\\S*/libjvm\\.so}]; "
                + "puts Rjb.import('java.lang.ProcessHandle').current.pid == Process.pid");
        assertEquals(new Result(0, JDK + "/lib/server/libjvm.so\ntrue\n", ""), result);
    }

    /** A Java older than 25, found as find-jdk.sh looks (the java on the PATH, then /usr/lib/jvm): Debian's ruby-rjb pulls one in. */
    static Optional<Map.Entry<Path, Integer>> olderJava() throws IOException {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(folder -> Path.of(folder, "java")).filter(Files::isExecutable)
                .map(java -> { try { return java.toRealPath().getParent().getParent(); } catch (IOException e) { return java; } });
        List<Path> installed = Files.isDirectory(Path.of("/usr/lib/jvm")) ? Files.list(Path.of("/usr/lib/jvm")).sorted().toList() : List.of();
        for (Path home : Stream.concat(onPath, installed.stream()).toList()) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) continue;
            var version = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(release));
            if (version.find() && Integer.parseInt(version.group(1)) < 25) return Optional.of(Map.entry(home, Integer.parseInt(version.group(1))));
        }
        return Optional.empty();
    }

    @Test
    void aJdkOlderThan25IsOneClearLine() throws Exception {
        Optional<Map.Entry<Path, Integer>> older = olderJava();
        Programs.assumeOrFailUnderCi(older.isPresent(), "no Java older than 25 here (apt-get install default-jre)");
        Path home = older.get().getKey();
        Result result = run(Map.of("JAVA_HOME", home.toString()), LESSON, CLASSES);
        assertEquals(new Result(1, "", "ruby_calls_java.rb: JAVA_HOME must be a JDK 25 or newer, not \"" + home
                + "\" (Java " + older.get().getValue() + "); set it, or run `make run`\n"), result);
        // What the check prevents: rjb loads the old JVM, which cannot read our class files.
        Result raw = run(Map.of("JAVA_HOME", home.toString()), "-e", LOAD);
        assertTrue(raw.stderr().contains("UnsupportedClassVersionError"), raw.stderr());
    }

    @Test
    void noJavaHomeIsOneClearLine() throws Exception {
        Result result = run(Map.of("JAVA_HOME", ""), LESSON, CLASSES);
        assertEquals(new Result(1, "", "ruby_calls_java.rb: JAVA_HOME must be a JDK 25 or newer, not \"\"; "
                + "set it, or run `make run`\n"), result);
    }

    @Test
    void withoutTheChecksRjbsOwnMessageForNoOrAWrongJavaHomeIsUnrelated() throws Exception {
        Map<String, String> unset = new HashMap<>();
        unset.put("JAVA_HOME", null);
        for (Map<String, String> env : List.of(unset, Map.of("JAVA_HOME", dir.toString()))) {
            Result result = run(env, "-e", "require 'rjb'; Rjb.load('" + CLASSES + "', [])");
            assertEquals(1, result.exitCode());
            assertTrue(result.stderr().contains("Constants DL and Fiddle is not defined. (RuntimeError)"), result.stderr());
        }
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
    void aJavaErrorIsAStandardErrorTooSoTheLessonRescuesByName() throws Exception {
        // String.repeat past the largest String throws an OutOfMemoryError at once, allocating nothing.
        String tooLong = "Rjb.import('java.lang.String').new('ab').repeat(2**31 - 1)";
        Result caught = script("begin; " + tooLong + "; rescue => e; puts \"#{e.class} < #{e.class.superclass}\"; end");
        assertEquals(new Result(0, "OutOfMemoryError < StandardError\n", ""), caught);
        // The lesson's rescue lets it go on.
        Result passed = script("begin; " + tooLong + """
                ; rescue StandardError => e
                  raise unless %w[NumberFormatException IllegalArgumentException].include?(e.class.name)
                end
                """);
        assertEquals(1, passed.exitCode());
        assertTrue(passed.stderr().contains("(OutOfMemoryError)"), passed.stderr());
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

    /**
     * The lesson under -Xcheck:jni (JAVA_TOOL_OPTIONS reaches the JVM that rjb creates). rjb 1.5.5 has
     * JNI defects of its own: it calls JNI with an exception possibly pending (when it loads, imports,
     * and handles an exception), and after Rjb.bind it deletes an invalid local reference at exit,
     * which -Xcheck:jni makes fatal. Those, and nothing else, may appear.
     */
    static final String UNCHECKED = "WARNING in native method: JNI call made without checking exceptions when required to from ";

    static TreeSet<String> checkJniComplaints(Result result) {
        return Stream.of(result.stdout(), result.stderr()).flatMap(String::lines)
                .filter(line -> line.matches("(WARNING|FATAL ERROR) in native method: .*"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    @Test
    void underXcheckJniTheOnlyComplaintsAreRjbsOwnKnownDefects() throws Exception {
        Result result = run(Map.of("JAVA_TOOL_OPTIONS", "-Xcheck:jni"), LESSON, CLASSES);
        assertEquals(new TreeSet<>(List.of(UNCHECKED + "CallIntMethod", UNCHECKED + "CallObjectMethod",
                UNCHECKED + "CallStaticObjectMethod",
                "FATAL ERROR in native method: Invalid local JNI handle passed to DeleteLocalRef")), checkJniComplaints(result));
        // The lesson itself ran to its end, as without the check; then the JVM aborted the process (SIGABRT).
        String lessonLines = result.stdout().lines().filter(line -> line.startsWith("Ruby calls Java") || line.startsWith("  "))
                .map(line -> line + "\n").reduce("", String::concat);
        assertEquals(expectedSection("Ruby calls Java (CRuby + rjb)"), lessonLines);
        assertEquals(128 + 6, result.exitCode());
    }

    @Test
    void underXcheckJniTheFailurePathsToo() throws Exception {
        // A missing class, a missing method, arguments of the wrong type (rjb's message is the same
        // as for a missing method), a Java Error: rjb's unchecked calls, and no other complaint.
        Result result = run(Map.of("JAVA_TOOL_OPTIONS", "-Xcheck:jni"), "-e", LOAD + """
                [-> { Rjb.import('rubytojava.NoSuchClass') }, -> { Calculator.noSuchMethod(1) },
                 -> { Calculator.multiply('4', 2) }, -> { Rjb.import('java.lang.String').new('ab').repeat(2**31 - 1) }].each do |call|
                  call.call
                rescue => e
                  puts "  #{e.class}: #{e.message}"
                end
                """);
        assertEquals(new TreeSet<>(List.of(UNCHECKED + "CallIntMethod", UNCHECKED + "CallObjectMethod",
                UNCHECKED + "CallStaticObjectMethod")), checkJniComplaints(result));
        assertEquals("""
                  NoClassDefFoundError: rubytojava/NoSuchClass
                  RuntimeError: Fail: unknown method name `noSuchMethod'
                  RuntimeError: Fail: unknown method name `multiply'
                  OutOfMemoryError: Required length exceeds implementation limit
                """, result.stdout().lines().filter(line -> line.startsWith("  ")).map(line -> line + "\n").reduce("", String::concat));
        assertEquals(0, result.exitCode(), result.stderr());
    }

    @Test
    void rubyThreadsMayCallJava() throws Exception {
        Result result = script("puts Array.new(8) { |i| Thread.new { (1..500).sum { |k| Calculator.multiply(k, i) } } }.map(&:value).inspect");
        assertEquals(new Result(0, "[0, 125250, 250500, 375750, 501000, 626250, 751500, 876750]\n", ""), result);
    }

    @Test
    void aJavaCallThatBlocksStopsEveryRubyThread() throws Exception {
        // The taker waits in Java holding Ruby's global lock, so the main thread never runs again
        // (it would print and put, and both would finish): a deadlock, and one that SIGTERM does not end.
        List<String> command = List.of(Programs.CRUBY, "-e", LOAD + """
                $stdout.sync = true
                queue = Rjb.import('java.util.concurrent.LinkedBlockingQueue').new
                waiting = false
                Thread.new { puts 'taker: waits in Java'; waiting = true; queue.take }
                Thread.pass until waiting
                puts 'main: runs again'
                queue.put('x')
                """);
        Process process = Programs.builder(dir, Map.of("JAVA_HOME", JDK), command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> taking = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader out = process.inputReader()) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    if (line.equals("taker: waits in Java")) taking.complete(null);
                }
            } catch (IOException e) {
                // the stream is closed when the process is killed
            }
            taking.complete(null);
        });
        // The event: the taker is about to enter Java (the bound only guards against a hang).
        taking.get(120, TimeUnit.SECONDS);
        assertEquals(List.of("taker: waits in Java"), lines);
        // Unblocked, the main thread would print within a millisecond of that line. 5 s of nothing
        // is a deadlock; on a slow machine the bound could only let a late finish pass, not fail.
        assertFalse(process.waitFor(5, TimeUnit.SECONDS), "it finished: " + lines);
        process.destroy(); // SIGTERM, which a process that can still run obeys within milliseconds
        assertFalse(process.waitFor(3, TimeUnit.SECONDS), "SIGTERM ended it");
        process.destroyForcibly().waitFor();
        reader.join();
        assertEquals(List.of("taker: waits in Java"), lines, "the main thread ran again");
        Programs.assertNothingLeftRunning(command);
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
