package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.expectedSection;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/**
 * CRuby threads and the JVM's life in a ruby process, through rjb (THREADS.md), driven as processes.
 * Skipped without rjb, except under CI=true, as RjbTest.
 */
class RjbThreadsTest {
    static final String CLASSES = RjbTest.CLASSES;
    static final String ONE_JVM = Path.of("src/main/ruby/rjb/one_jvm.rb").toAbsolutePath().toString();
    /** What a script needs first: the lessons' OneJvm, Java started with the example's classes. */
    static final String START = "require '" + ONE_JVM + "'; OneJvm.start('" + CLASSES + "'); $stdout.sync = true; ";
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
        return run(Map.of(), "-e", START + ruby);
    }

    static String lesson(String name) {
        return Path.of("src/main/ruby/rjb", name).toAbsolutePath().toString();
    }

    @Test
    void theThreadsLessonPrintsItsSectionAndNothingElse() throws Exception {
        assertEquals(new Result(0, expectedSection("Threads (CRuby + rjb)"), ""), run(Map.of(), lesson("threads.rb"), CLASSES));
    }

    @Test
    void theLifecycleLessonPrintsItsSectionAndNothingElse() throws Exception {
        assertEquals(new Result(0, expectedSection("Lifecycle (CRuby + rjb)"), ""), run(Map.of(), lesson("lifecycle.rb"), CLASSES));
    }

    @Test
    void withoutAJdk25EachLessonIsOneClearLine() throws Exception {
        for (String name : List.of("threads.rb", "lifecycle.rb")) {
            Result result = run(Map.of("JAVA_HOME", ""), lesson(name), CLASSES);
            assertEquals(new Result(1, "", name + ": OneJvm::Error: JAVA_HOME must be a JDK 25 or newer, not \"\"\n"), result);
        }
    }

    @Test
    void aSecondRjbLoadReturnsNilAndItsClassPathNeverApplies() throws Exception {
        Result result = script("p Rjb.load('" + dir + "', ['-Xmx16m']); "
                + "puts Rjb.import('java.lang.System').getProperty('java.class.path').split(':').include?('" + dir + "')");
        assertEquals(new Result(0, "nil\nfalse\n", ""), result);
    }

    @Test
    void rjbAddJarIsHowClassesComeInAfterTheStart() throws Exception {
        // What OneJvm's refusal advises: a class path that lacks our classes, then our jar added.
        String jar = Path.of("target/ruby-to-java.jar").toAbsolutePath().toString();
        Result result = run(Map.of(), "-e", "require '" + ONE_JVM + "'; OneJvm.start('" + dir + "'); "
                + "begin; Rjb.import('rubytojava.Calculator'); rescue => e; puts e.class; end; "
                + "Rjb.add_jar('" + jar + "'); puts Rjb.import('rubytojava.Calculator').multiply(6, 7)");
        assertEquals(new Result(0, "NoClassDefFoundError\n42\n", ""), result);
    }

    @Test
    void afterRjbUnloadRjbCannotStartJavaAgainAndOneJvmSaysWhy() throws Exception {
        Result result = script("""
                Rjb.unload
                begin; Rjb.load('%s', []); rescue => e; puts "#{e.class}: #{e.message}"; end
                """.formatted(CLASSES));
        assertEquals(new Result(0, "RuntimeError: can't create Java VM\n", ""), result);
        Result refused = script("OneJvm.stop; begin; OneJvm.start('" + CLASSES + "'); rescue OneJvm::Error => e; puts e.message; end");
        assertEquals(new Result(0, "Java was stopped in this process, and a JVM starts only once in a process\n", ""), refused);
    }

    static final String HOOK_AND_AT_EXIT = "Rjb.import('rubytojava.OnShutdown').print('java hook'); at_exit { puts 'ruby at_exit' }; ";

    @Test
    void withoutOneJvmStopJavasShutdownHooksNeverRun() throws Exception {
        // rjb never destroys the JVM: the process just exits.
        assertEquals(new Result(0, "ruby at_exit\n", ""), script(HOOK_AND_AT_EXIT));
    }

    @Test
    void javasSystemExitRunsJavasHooksButNotRubysAtExitAndLosesRubysBufferedOutput() throws Exception {
        Result result = script(HOOK_AND_AT_EXIT + """
                $stdout.sync = false
                puts 'still in a buffer of Ruby'
                Rjb.import('java.lang.System').exit(3)
                """);
        assertEquals(new Result(3, "java hook\n", ""), result);
    }

    @Test
    void ctrlCStillStopsRubyAndOneJvmStopInAtExitRunsJavasHooks() throws Exception {
        // rjb starts Java with -Xrs: the JVM leaves SIGINT to Ruby, which raises Interrupt.
        Process process = Programs.builder(dir, Map.of("JAVA_HOME", Programs.JDK), List.of(Programs.CRUBY, "-e",
                START + "at_exit { OneJvm.stop }; " + HOOK_AND_AT_EXIT + "puts 'ready'; sleep")).start();
        try (BufferedReader out = process.inputReader()) {
            assertEquals("ready", out.readLine());
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "SIGINT did not end it");
            assertEquals(List.of("ruby at_exit", "java hook"), out.lines().toList());
        }
        assertEquals(128 + 2, process.exitValue()); // Ruby ends itself with the signal, as it should
        assertTrue(new String(process.getErrorStream().readAllBytes()).contains("Interrupt"));
        Programs.assertNothingLeftRunning("the SIGINT test");
    }

    @Test
    void oneJvmStopRefusesWhenAnotherRubyThreadCalledJava() throws Exception {
        Result result = script("""
                Thread.new { Rjb.import('java.lang.Thread').currentThread }.join
                begin; OneJvm.stop; rescue OneJvm::Error => e; puts e.message; end
                """);
        assertEquals(new Result(0, "Java cannot stop: DestroyJavaVM would wait for ever for 1 more non-daemon Java thread(s) "
                + "(rjb leaves a Ruby thread that called Java attached as one)\n", ""), result);
    }

    @Test
    void whatOneJvmStopPreventsRjbUnloadThenWaitsForEver() throws Exception {
        // The Ruby thread ended, but its native thread stays attached to the JVM as a non-daemon Java
        // thread: DestroyJavaVM waits for it to end, which it never does.
        List<String> command = List.of(Programs.CRUBY, "-e", START + """
                Thread.new { Rjb.import('java.lang.Thread').currentThread }.join
                puts 'unloading'
                Rjb.unload
                puts 'unloaded'
                """);
        Process process = Programs.builder(dir, Map.of("JAVA_HOME", Programs.JDK), command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> unloading = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader out = process.inputReader()) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    if (line.equals("unloading")) unloading.complete(null);
                }
            } catch (IOException e) {
                // closed when the process is killed
            }
            unloading.complete(null);
        });
        unloading.get(120, TimeUnit.SECONDS);
        // Rjb.unload returns within milliseconds when it can: 3 s of nothing is a wait for ever.
        assertFalse(process.waitFor(3, TimeUnit.SECONDS), "Rjb.unload returned: " + lines);
        process.destroyForcibly().waitFor();
        reader.join();
        assertEquals(List.of("unloading"), lines);
        Programs.assertNothingLeftRunning(command);
    }
}
