package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static pythontojava.ProgramsTest.HERE;
import static pythontojava.ProgramsTest.JDK_25;
import static pythontojava.ProgramsTest.assertPrintsItsSectionAndNoWarning;
import static pythontojava.ProgramsTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pythontojava.ProgramsTest.Result;

/**
 * CPython as the host: the real python3 runs src/main/python/jpype/calculator.py, which starts a
 * JVM inside its own process. Skipped when JPype is not installed (a failure under CI=true).
 */
class JPypeTest {
    // The Makefile's PYTHON: Debian's python3, where python3-jpype installs JPype.
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "/usr/bin/python3");
    private static final String LESSON = HERE.resolve("src/main/python/jpype/calculator.py").toString();
    /** A script's first lines: start the JVM the lesson's way (its own start_java). */
    private static final String START = """
            import os, sys
            sys.path.insert(0, "src/main/python/jpype")
            from calculator import start_java
            start_java(["target/python-to-java.jar"])
            """;

    @BeforeAll
    static void jpypeIsInstalled() throws Exception {
        if (Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import jpype")).exitCode() == 0) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true: JPype must be importable by " + PYTHON + " (make installs python3-jpype)");
        }
        assumeTrue(false, "JPype is not importable by " + PYTHON + ": `make` installs python3-jpype");
    }

    private static Result python(Path dir, String script, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("script.py"), script);
        return run(List.of(PYTHON, file.toString()), env);
    }

    @Test
    void cpythonRunsTheLessonAndLeavesNoProcessBehind() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(List.of(PYTHON, LESSON, "target/python-to-java.jar"), JDK_25));
        // The JVM lives and dies with the python process: nothing of the run is still running.
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(LESSON)),
                "a process of the lesson is still running");
    }

    @Test
    void thePythonProcessItselfHostsTheJvm(@TempDir Path dir) throws Exception {
        Result result = python(dir, START + """
                from java.lang import ProcessHandle
                maps = open("/proc/self/maps").read()
                print(os.getpid(), ProcessHandle.current().pid(), "libjvm.so" in maps)
                print(ProcessHandle.current().info().command().get())
                """, JDK_25);
        assertEquals("", result.stderr());
        List<String> lines = result.stdout().lines().toList();
        String[] pids = lines.get(0).split(" ");
        assertEquals(pids[0], pids[1], "Java's process is not Python's");
        assertEquals("True", pids[2], "libjvm.so is not mapped into the python process");
        assertTrue(Path.of(lines.get(1)).getFileName().toString().startsWith("python3"), lines.get(1));
    }

    @Test
    void aJdk17InJavaHomeIsOneClearLine(@TempDir Path dir) throws Exception {
        // A JDK 17 as find-jdk.sh and the script see it: its release file (the real one, if present).
        Path jdk17 = Files.isRegularFile(Path.of("/usr/lib/jvm/java-17-openjdk-amd64/release"))
                ? Path.of("/usr/lib/jvm/java-17-openjdk-amd64") : dir.resolve("jdk-17");
        if (!Files.exists(jdk17)) {
            Files.createDirectories(jdk17);
            Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.2\"\n");
        }
        Result result = run(List.of(PYTHON, LESSON, "target/python-to-java.jar"), Map.of("JAVA_HOME", jdk17.toString()));
        assertEquals(new Result(1, "", "error: JAVA_HOME=" + jdk17 + " is JDK 17, but JDK 25 is needed: "
                + "point JAVA_HOME at a JDK 25 or newer\n"), result);
        Result notAJdk = run(List.of(PYTHON, LESSON, "target/python-to-java.jar"), Map.of("JAVA_HOME", dir.toString()));
        assertEquals(1, notAJdk.exitCode());
        assertEquals(1, notAJdk.stderr().lines().count(), notAJdk.stderr());
        assertTrue(notAJdk.stderr().startsWith("error: JAVA_HOME='" + dir + "' is not a JDK"), notAJdk.stderr());
    }

    @Test
    void withoutJPypeTheLessonSaysHowToInstallIt(@TempDir Path dir) throws Exception {
        // jpype shadowed by a module that cannot be imported, as on a python3 without JPype.
        Files.writeString(dir.resolve("jpype.py"), "raise ImportError('no JPype here')\n");
        Result result = run(List.of(PYTHON, LESSON, "target/python-to-java.jar"), Map.of("PYTHONPATH", dir.toString()));
        assertEquals(1, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("error: JPype is not importable by " + PYTHON), result.stderr());
        assertTrue(result.stderr().contains("apt-get install python3-jpype"), result.stderr());
    }

    @Test
    void withNoInstallMakeRunSkipsThisPartInOneLineAndRunsTheRest(@TempDir Path dir) throws Exception {
        // A python3 without JPype, and NO_INSTALL=1: `make run` prints need.sh's SKIP line, then the others.
        Files.writeString(dir.resolve("jpype.py"), "raise ImportError('no JPype here')\n");
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\nPYTHONPATH=" + dir + " exec " + PYTHON + " \"$@\"\n");
        assertTrue(python.toFile().setExecutable(true));
        Result result = run(ProgramsTest.makeRun("NO_INSTALL=1", "PYTHON=" + python), JDK_25);
        String others = Files.readString(Path.of("expected-output.txt"))
                .replace(ProgramsTest.expectedSection(ProgramsTest.expectedOutputTitle("CPython + JPype")), "");
        assertEquals(new Result(0, "SKIP: CPython + JPype: not installed, and NO_INSTALL=1 says not to install it; "
                + "to install it: apt-get install -y python3-jpype\n" + others, ""), result);
    }

    @Test
    void aMissingJavaClassIsAPythonErrorThatNamesIt(@TempDir Path dir) throws Exception {
        Result result = python(dir, START + """
                try:
                    from pythontojava import NoSuchClass
                except ImportError as e:
                    print(f"ImportError: {e}")
                import jpype
                jpype.JClass("pythontojava.NoSuchClass")
                """, JDK_25);
        assertEquals("ImportError: Failed to import 'pythontojava.NoSuchClass'\n", result.stdout());
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().strip().endsWith("TypeError: Class pythontojava.NoSuchClass is not found"), result.stderr());
    }

    @Test
    void exceptionsKeepTheirMessagesBothWays(@TempDir Path dir) throws Exception {
        // Java -> Python: an uncaught Java exception is a Python traceback with the Java message.
        Result uncaught = python(dir, START + """
                from pythontojava import Calculator
                Calculator.squares(-1)
                """, JDK_25);
        assertEquals(1, uncaught.exitCode());
        assertTrue(uncaught.stderr().contains("pythontojava.CalculatorException: squares(-1): n must not be negative"),
                uncaught.stderr());
        // Python -> Java: a Java exception raised in a Python callback arrives in Java with its message
        // (a Python one does not: the lesson's output shows it); Java's stack shows the Python call.
        Result callback = python(dir, START + """
                import jpype
                from java.util import ArrayList
                from pythontojava import Calculator, CalculatorException, Operation
                @jpype.JImplements(Operation)
                class Refuses:
                    @jpype.JOverride
                    def apply(self, a, b):
                        raise CalculatorException("no thanks: %d, %d" % (a, b))
                print(Calculator.tryReduce(ArrayList([1, 2]), Refuses()))
                """, JDK_25);
        assertEquals(new Result(0, "Java caught pythontojava.CalculatorException: no thanks: 1, 2\n", ""), callback);
    }
}
