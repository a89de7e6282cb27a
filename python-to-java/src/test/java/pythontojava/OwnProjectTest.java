package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pythontojava.JPypeTest.PYTHON;
import static pythontojava.Programs.JDK_25;
import static pythontojava.Programs.assertPrintsItsSectionAndNoWarning;
import static pythontojava.Programs.command;
import static pythontojava.Programs.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pythontojava.Programs.Result;

/**
 * OWN_PROJECT.md: a library from Maven Central (Commons Text, and commons-lang3 that it needs, in
 * own-project/target/deps, as `make` copies them) through each runtime; where a wildcard works and
 * the error without lang3; the flags of a script and of a service; a JVM and fork().
 */
class OwnProjectTest {
    static final String DEPS = "own-project/target/deps";
    static final String TEXT_JAR = DEPS + "/commons-text-1.15.0.jar";
    /** The Makefile's Jython command for commons_text.py: Jython's sys.path loader uses its bundled Guava, which calls Unsafe. */
    static final List<String> JYTHON = command(Programs.JYTHON, "--sun-misc-unsafe-memory-access=allow");

    /** A python3 script that starts the JVM the lesson's way with `startArgs`, then uses Commons Text. */
    private static Result jpype(Path dir, String startArgs) throws Exception {
        JPypeTest.jpypeIsInstalled();
        Path script = Files.writeString(dir.resolve("script.py"), """
                import sys
                sys.path.insert(0, "src/main/python/jpype")
                from calculator import start_java
                start_java(%s)
                try:
                    from org.apache.commons.text import WordUtils
                    print(WordUtils.capitalizeFully("hello from the jvm", None))
                except Exception as e:
                    print(f"{type(e).__name__}: {e.getMessage() if hasattr(e, 'getMessage') else e}")
                """.formatted(startArgs));
        return run(List.of(PYTHON, script.toString()), JDK_25);
    }

    @Test
    void jpypeCallsTheLibraryThroughTheFolderWildcard() throws Exception {
        JPypeTest.jpypeIsInstalled();
        assertPrintsItsSectionAndNoWarning(run(List.of(PYTHON, "src/main/python/jpype/commons_text.py", DEPS), JDK_25));
    }

    @ParameterizedTest(name = "start_java({0})")
    @CsvSource(delimiter = '|', value = {
            "['" + DEPS + "/*']                               | Hello From The Jvm",
            "['" + DEPS + "/*.jar']                           | ImportError: Failed to import 'org.apache'",
            "['target/python-to-java.jar:" + DEPS + "/*']     | ImportError: Failed to import 'org.apache'",
            "['" + TEXT_JAR + "']                             | java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils",
    })
    void jpypeExpandsOnlyAWholeEntryEndingInAStar(String classpath, String expected, @TempDir Path dir) throws Exception {
        // JPype globs an entry "DIR/*" into DIR/*.jar; anything else goes to the JVM as it is, and
        // only the `java` launcher expands a *: the classes are not found. Without lang3: the user's first error.
        assertEquals(new Result(0, expected + "\n", ""), jpype(dir, classpath));
    }

    @ParameterizedTest(name = "service={0}")
    @CsvSource({"False, 1, Copy MarkSweepCompact", "True, 4, G1 Young Generation G1 Concurrent GC G1 Old Generation"})
    void startJavaUsesTheFlagsOfAScriptOrOfAService(String service, String tieredStop, String collectors, @TempDir Path dir) throws Exception {
        JPypeTest.jpypeIsInstalled();
        Path script = Files.writeString(dir.resolve("flags.py"), """
                import sys
                sys.path.insert(0, "src/main/python/jpype")
                from calculator import start_java
                start_java(["target/python-to-java.jar"], service=%s)
                from java.lang import Runtime
                from java.lang.management import ManagementFactory
                from com.sun.management import HotSpotDiagnosticMXBean
                hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean)
                print(hotspot.getVMOption("TieredStopAtLevel").getValue())
                print(" ".join(str(gc.getName()) for gc in ManagementFactory.getGarbageCollectorMXBeans()))
                print(Runtime.getRuntime().maxMemory() <= 1024 * 1024 * 1024 if %s else "-")
                """.formatted(service, service));
        Result result = run(List.of(PYTHON, script.toString()), JDK_25);
        assertEquals(new Result(0, tieredStop + "\n" + collectors + "\n" + ("True".equals(service) ? "True" : "-") + "\n", ""), result);
    }

    @Test
    void aJvmDoesNotSurviveForkButAWorkerThatStartsItsOwnWorks() throws Exception {
        JPypeTest.jpypeIsInstalled();
        Result fork = run(List.of(PYTHON, "src/main/python/jpype/after_fork.py", "target/python-to-java.jar"), JDK_25);
        assertEquals("", fork.stderr());
        assertEquals(0, fork.exitCode());
        List<String> lines = fork.stdout().lines().toList();
        assertTrue(lines.get(0).matches("parent: threads: \\d\\d+"), lines.get(0)); // the JVM's threads, and Python's
        // Each child has 1 thread and hangs; a call before the hang (multiply) works in most runs, not all
        // (a lock one of the parent's threads held at the fork stays held): only what always holds is asserted.
        List<String> children = lines.subList(1, 4);
        for (String child : children) {
            assertTrue(child.contains(": threads: 1; ") && child.endsWith("; hung: killed after 3 s") && !child.contains("returned"), child);
        }
        assertEquals(List.of("os.fork, Java calls", "os.fork, no Java call, sys.exit", "multiprocessing 'fork', Java calls"),
                children.stream().map(child -> child.substring(0, child.indexOf(": threads"))).toList());
        assertEquals(List.of("hs_err files: 0"), lines.subList(4, lines.size()));
        assertPrintsItsSectionAndNoWarning(run(List.of(PYTHON, "src/main/python/jpype/workers.py", "target/python-to-java.jar"), JDK_25));
    }

    @Test
    void jythonReadsEachJarOnSysPathAndNeedsLang3Too(@TempDir Path dir) throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(JYTHON, "org.python.util.jython", "src/main/python/jython/commons_text.py", DEPS)));
        Path script = Files.writeString(dir.resolve("no_lang3.py"), """
                import sys
                sys.path.append("%s")
                from java.lang import Throwable
                from org.apache.commons.text import WordUtils
                try:
                    WordUtils.capitalizeFully("hello")
                except Throwable, e:
                    print "%%s: %%s" %% (e.getClass().getName(), e.getMessage())
                """.formatted(TEXT_JAR));
        assertEquals(new Result(0, "java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils\n", ""),
                run(command(JYTHON, "org.python.util.jython", script.toString())));
    }

    @Test
    void graalPyWithoutLang3FailsAtTheFirstCallThatNeedsIt(@TempDir Path dir) throws Exception {
        List<String> graalpy = Programs.GRAALPY.stream().map(arg -> arg.replace("lib/*", "lib/*:" + TEXT_JAR)).toList();
        Path script = Files.writeString(dir.resolve("no_lang3.py"), """
                import java
                WordUtils = java.type("org.apache.commons.text.WordUtils")
                print("imported")
                WordUtils.capitalizeFully("hello")
                """);
        Result result = run(command(graalpy, "pythontojava.GraalPyWithLibrary", "org.apache.commons.", script.toString()));
        assertEquals(new Result(1, "imported\n", "error: " + script + " failed:"
                + " java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils\n"), result);
    }

    @Test
    void graalPyFindsTheLibraryOnTheClassPathTheLauncherExpanded() throws Exception {
        List<String> graalpy = Programs.GRAALPY.stream().map(arg -> arg.replace("lib/*", "lib/*:" + DEPS + "/*")).toList();
        assertPrintsItsSectionAndNoWarning(run(command(graalpy, "pythontojava.GraalPyWithLibrary", "org.apache.commons.",
                "src/main/python/graalpy/commons_text.py")));
    }
}
