package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.expectedSection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/**
 * OWN_PROJECT.md: a real Maven library (Commons Text, which needs Commons Lang) from JRuby and from
 * CRuby + rjb, the class path forms that work and the errors of those that do not, the JVM options
 * of a script and of a service, and what a fork does to a ruby process that runs Java.
 */
class OwnProjectTest {
    static final Path DEPS = Path.of("target/deps").toAbsolutePath();
    static final String JRUBY_LESSON = Path.of("src/main/ruby/jruby/own_project.rb").toAbsolutePath().toString();
    static final String RJB_LESSON = Path.of("src/main/ruby/rjb/own_project.rb").toAbsolutePath().toString();
    static final String WORKERS = Path.of("src/main/ruby/rjb/workers.rb").toAbsolutePath().toString();
    @TempDir static Path dir;
    /** A copy of target/deps without Commons Lang: the mistake a user makes first. */
    static Path textOnly;

    @BeforeAll
    static void copyCommonsTextAlone() throws Exception {
        textOnly = Files.createDirectories(dir.resolve("text-only"));
        try (var jars = Files.list(DEPS)) {
            List<Path> text = jars.filter(jar -> jar.getFileName().toString().startsWith("commons-text-")).toList();
            assertEquals(1, text.size(), "Maven copies commons-text into target/deps");
            Files.copy(text.get(0), textOnly.resolve(text.get(0).getFileName()));
        }
    }

    static void assumeRjb() throws Exception {
        Programs.assumeOrFailUnderCi(Programs.cruby(dir, Map.of(), "-e", "require 'rjb'").exitCode() == 0,
                "rjb is not installed (apt-get install ruby-rjb)");
    }

    static String missingLang3(String program) {
        return program + ": NoClassDefFoundError: org/apache/commons/lang3/StringUtils: a jar that Commons Text needs is not in \""
                + textOnly + "\"; copy them all with `mvn dependency:copy-dependencies`\n";
    }

    @Test
    void jrubyLessonPrintsItsSectionAndNothingElse() throws Exception {
        assertEquals(new Result(0, expectedSection("A Maven library (JRuby)"), ""), Programs.jruby(dir, Map.of(), JRUBY_LESSON, DEPS.toString()));
    }

    @Test
    void jrubyWithoutCommonsLangFailsAtTheFirstCallIntoIt() throws Exception {
        Result result = Programs.jruby(dir, Map.of(), JRUBY_LESSON, textOnly.toString());
        assertEquals(new Result(1, "A Maven library (JRuby)\n  class path: " + textOnly.toFile().list()[0] + "\n",
                missingLang3("own_project.rb")), result);
    }

    @Test
    void theJavaLauncherExpandsAWildcardButJRubysClasspathDoesNot() throws Exception {
        String call = "java_import 'org.apache.commons.text.WordUtils'; puts WordUtils.capitalize_fully('a b')";
        List<String> command = Programs.with(Programs.JAVA_FLAGS, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", Programs.CLASSPATH + ":" + DEPS + "/*", "org.jruby.main.Main", "--disable-gems", "-e", call);
        assertEquals(new Result(0, "A B\n", ""), Programs.java(dir, command));
        Result appended = Programs.jruby(dir, Map.of(), "-e", "$CLASSPATH << '" + DEPS + "/*'; " + call);
        assertEquals(1, appended.exitCode());
        assertTrue(appended.stderr().startsWith("NameError: Java class org.apache.commons.text.WordUtils not found\n"), appended.stderr());
    }

    @Test
    void rjbLessonPrintsItsSectionAndNothingElse() throws Exception {
        assumeRjb();
        assertEquals(new Result(0, expectedSection("A Maven library (CRuby + rjb, script options)"), ""),
                Programs.cruby(dir, Map.of(), RJB_LESSON, DEPS.toString()));
    }

    @Test
    void rjbWithTheServiceOptionsRunsG1AndRefusesAnUnknownProfile() throws Exception {
        assumeRjb();
        Result service = Programs.cruby(dir, Map.of("JVM_PROFILE", "service"), RJB_LESSON, DEPS.toString());
        assertEquals(0, service.exitCode(), service.stderr());
        assertEquals(expectedSection("A Maven library (CRuby + rjb, script options)")
                .replace("script options", "service options").replace("Copy, MarkSweepCompact", "G1 Young Generation, G1 Concurrent GC, G1 Old Generation"),
                service.stdout());
        assertEquals(new Result(1, "", "own_project.rb: JVM_PROFILE must be one of script, service\n"),
                Programs.cruby(dir, Map.of("JVM_PROFILE", "fast"), RJB_LESSON, DEPS.toString()));
    }

    @Test
    void rjbWithoutCommonsLangFailsAtTheFirstCallIntoIt() throws Exception {
        assumeRjb();
        Result result = Programs.cruby(dir, Map.of(), RJB_LESSON, textOnly.toString());
        assertEquals(new Result(1, "A Maven library (CRuby + rjb, script options)\n  class path: " + textOnly.toFile().list()[0] + "\n",
                missingLang3("own_project.rb")), result);
    }

    @Test
    void rjbTakesNoWildcardInItsClassPathButAddJarWorks() throws Exception {
        assumeRjb();
        Result result = Programs.cruby(dir, Map.of(), "-e", "require 'rjb'; Rjb.load('" + DEPS + "/*', []); "
                + "begin; Rjb.import('org.apache.commons.text.WordUtils'); rescue StandardError => e; puts \"#{e.class}: #{e.message}\"; end; "
                + "Dir.glob('" + DEPS + "/*.jar').each { |jar| Rjb.add_jar(jar) }; "
                + "puts Rjb.import('org.apache.commons.text.WordUtils').capitalizeFully('a b')");
        assertEquals(new Result(0, "NoClassDefFoundError: org/apache/commons/text/WordUtils\nA B\n", ""), result);
    }

    @Test
    void workersLessonPrintsItsSectionAndNothingElse() throws Exception {
        assumeRjb();
        assertEquals(new Result(0, expectedSection("Workers (CRuby + rjb, fork first, then Java)"), ""),
                Programs.cruby(dir, Map.of(), WORKERS, DEPS.toString()));
    }

    /**
     * A ruby process starts Java, then forks (as Puma's cluster mode does after `preload_app!`), and
     * each child calls Java once. The parent gives the children a bound, kills those still running,
     * and says how each ended; a crash report a child leaves goes to its own folder, checked, deleted.
     */
    @Test
    void aChildForkedAfterJavaStartedCannotRelyOnJava() throws Exception {
        assumeRjb();
        Path crashes = Files.createDirectories(dir.resolve("crashes"));
        String probe = """
                require 'rjb'
                Rjb.load('', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', "-XX:ErrorFile=#{ARGV[0]}/hs_err_pid%p.log"])
                JMath = Rjb.import('java.lang.Math')
                JSystem = Rjb.import('java.lang.System')
                puts "parent: Math.abs(-8) = #{JMath.abs(-8)}"
                $stdout.flush
                # Each child exits 0 once its Java call returned.
                children = { 'Math.abs(-8)' => fork { JMath.abs(-8); exit!(0) }, 'System.gc' => fork { JSystem.gc; exit!(0) } }
                deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 3
                children.each do |call, pid|
                  status = nil
                  until (status = Process.waitpid2(pid, Process::WNOHANG)&.last) || Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
                    sleep 0.05
                  end
                  if status.nil?
                    Process.kill(:KILL, pid)
                    Process.wait(pid)
                    puts "child, #{call}: still running after 3 s, killed"
                  elsif status.signaled?
                    puts "child, #{call}: killed by SIG#{Signal.signame(status.termsig)}"
                  else
                    puts "child, #{call}: exit #{status.exitstatus}"
                  end
                end
                """;
        Result result = Programs.cruby(dir, Map.of(), "-e", probe, crashes.toString());
        List<Path> reports;
        try (var files = Files.list(crashes)) {
            reports = files.toList();
        }
        for (Path report : reports) Files.delete(report);
        // A call that needs nothing but the calling thread returns; one that needs the JVM's own
        // threads (the GC runs in the VM thread, which stayed in the parent) never does.
        assertEquals(new Result(0, """
                parent: Math.abs(-8) = 8
                child, Math.abs(-8): exit 0
                child, System.gc: still running after 3 s, killed
                """, ""), result);
        assertEquals(List.of(), reports, "a child crashed");
    }
}
