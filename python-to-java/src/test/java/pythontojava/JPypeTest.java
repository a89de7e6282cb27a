package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static pythontojava.Programs.HERE;
import static pythontojava.Programs.JDK_25;
import static pythontojava.Programs.assertPrintsItsSectionAndNoWarning;
import static pythontojava.Programs.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pythontojava.Programs.Result;

/**
 * CPython as the host: the real python3 runs src/main/python/jpype/calculator.py, which starts a
 * JVM inside its own process. Skipped when JPype is not installed (a failure under CI=true).
 */
class JPypeTest {
    // The Makefile's PYTHON: Debian's python3, where python3-jpype installs JPype.
    static final String PYTHON = System.getenv().getOrDefault("PYTHON", "/usr/bin/python3");
    private static final String LESSON = HERE.resolve("src/main/python/jpype/calculator.py").toString();
    /** A script's first lines: start the JVM the lesson's way (its own start_java). */
    static final String START = """
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
        // Every process of the run inherits this variable, even one that init adopted when python exited.
        String run = UUID.randomUUID().toString();
        Map<String, String> env = new HashMap<>(JDK_25);
        env.put("PYTHON_TO_JAVA_RUN", run);
        assertPrintsItsSectionAndNoWarning(run(List.of(PYTHON, LESSON, "target/python-to-java.jar"), env));
        // The JVM lives and dies with the python process: nothing of the run is still running.
        assertEquals(List.of(), processesWith("PYTHON_TO_JAVA_RUN=" + run), "processes of the lesson still running");
    }

    /** The processes whose environment holds the entry given (/proc/PID/environ: NUL-separated entries). */
    static List<Long> processesWith(String entry) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            try {
                String environ = Files.readString(Path.of("/proc", pid.toString(), "environ"), StandardCharsets.ISO_8859_1);
                return ("\0" + environ).contains("\0" + entry + "\0");
            } catch (IOException | SecurityException gone) {
                return false;
            }
        }).toList();
    }

    @Test
    void theLessonAndItsFailurePathsPassCheckJni(@TempDir Path dir) throws Exception {
        // JPype is JNI: the whole lesson, a missing class and an uncaught Java exception, with the
        // JVM's JNI checks on (-Xcheck:jni added to the lesson's own startJVM).
        Result result = python(dir, """
                import sys, jpype
                sys.path.insert(0, "src/main/python/jpype")
                import calculator
                start = jpype.startJVM
                jpype.startJVM = lambda *args, **kwargs: start(*args, "-Xcheck:jni", **kwargs)
                sys.argv = ["calculator.py", "target/python-to-java.jar"]
                calculator.main()
                from java.lang.management import ManagementFactory
                print("checked:", "-Xcheck:jni" in ManagementFactory.getRuntimeMXBean().getInputArguments())
                try:
                    jpype.JClass("pythontojava.NoSuchClass")
                except TypeError as e:
                    print("missing:", str(e).strip())
                from pythontojava import Calculator
                Calculator.squares(-1)
                """, JDK_25);
        for (String stream : List.of(result.stdout(), result.stderr())) {
            assertFalse(stream.contains("in native method"), "-Xcheck:jni complained:\n" + stream);
        }
        String lesson = Programs.expectedSection(Programs.expectedOutputTitle("CPython + JPype"));
        assertEquals(lesson + "checked: True\nmissing: Class pythontojava.NoSuchClass is not found\n", result.stdout());
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("CalculatorException: squares(-1)"), result.stderr());
    }

    @Test
    void aPythonListIsNoJavaListForJPype(@TempDir Path dir) throws Exception {
        // The README's pitfall: JPype converts no list by itself; ArrayList([...]) copies one.
        Result result = python(dir, START + """
                from java.util import ArrayList
                from pythontojava import Calculator
                print(Calculator.total(ArrayList([1, 2])))
                Calculator.total([1, 2])
                """, JDK_25);
        assertEquals("3\n", result.stdout());
        assertTrue(result.stderr().contains("TypeError: No matching overloads found for *static* pythontojava.Calculator.total(list)"),
                result.stderr());
    }

    @ParameterizedTest(name = "LC_ALL={0}")
    @ValueSource(strings = {"C", "C.UTF-8"})
    void textOutsideAsciiAndTheBmpRoundTripsWhateverTheLocale(String locale, @TempDir Path dir) throws Exception {
        // Python -> Java -> Python: a JDK method, and our own code (an exception message that Java
        // catches and returns). Only ASCII is printed: under LC_ALL=C, Python's stdout is ASCII.
        String text = "h\u00e9llo \u4e16\u754c \uD83D\uDE00";
        Map<String, String> env = new HashMap<>(JDK_25);
        env.put("LC_ALL", locale);
        Result result = python(dir, START + """
                import jpype
                from java.lang import String, StringBuilder
                from java.util import ArrayList
                from pythontojava import Calculator, CalculatorException, Operation
                text = "h\\u00e9llo \\u4e16\\u754c \\U0001F600"
                java = String(text)
                print(str(StringBuilder(java).append("").toString()) == text, java.length(), java.codePointCount(0, java.length()))
                @jpype.JImplements(Operation)
                class Refuses:
                    @jpype.JOverride
                    def apply(self, a, b):
                        raise CalculatorException(text)
                print(str(Calculator.tryReduce(ArrayList([1, 2]), Refuses())).endswith(": " + text))
                """, env);
        assertEquals(new Result(0, "True " + text.length() + " " + text.codePointCount(0, text.length()) + "\nTrue\n", ""), result);
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
        Result result = run(Programs.makeRun("NO_INSTALL=1", "PYTHON=" + python), JDK_25);
        String others = Files.readString(Path.of("expected-output.txt")); // less every CPython + JPype section
        for (String title : Files.readAllLines(Path.of("expected-output.txt")).stream().filter(line -> line.startsWith("CPython + JPype: ")).toList()) {
            others = others.replace(Programs.expectedSection(title), "");
        }
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
        assertTrue(uncaught.stderr().contains("pythontojava.CalculatorException: squares(-1): n must be from 0 to 1000000"),
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

    @Test
    void everyWayOfMovingBytesDeliversThemIntact() throws Exception {
        // bench/moving_data.py's own paths (the timed functions, with the timed buffers), each at
        // 0, 1, 17, 65537, 1 MiB + 3 bytes and 2 MiB: the CRC-32 of what arrived, on the receiving side.
        Result result = run(List.of(PYTHON, "bench/moving_data.py", "check"), JDK_25);
        List<String> paths = List.of("bytes-to-new-array", "bytes-as-argument", "bytes-into-array", "memoryview-into-array",
                "bytearray-direct-buffer", "numpy-1d-to-new-array", "numpy-2d-to-array", "numpy-2d-direct-buffer",
                "array-to-bytes", "array-memoryview", "array-numpy", "direct-buffer-numpy");
        assertEquals(new Result(0, paths.stream().map(path -> path + ": ok\n").reduce("", String::concat), ""), result);
    }

    @Test
    void movingDataRefusesWhatItCannotMoveInOneLine(@TempDir Path dir) throws Exception {
        // Read-only bytes cannot become a direct buffer (a bytearray can); a buffer that does not fit
        // the Java array is an error, not a partial copy; a direct buffer's memoryview has a
        // wrong nbytes in JPype 1.4 (bytes() of it fails), NumPy reads it right: DATA.md's trap.
        Result result = python(dir, START + """
                import moving_data as md
                from jpype import JArray, JByte
                try:
                    md.through_direct_buffer(b"abc", JArray(JByte)(3))
                except ValueError as e:
                    print("ValueError:", e)
                try:
                    md.through_direct_buffer(bytearray(b"abcd"), JArray(JByte)(3))
                except Exception as e:
                    print(type(e).__name__ + ":", e.getMessage())
                try:
                    md.java().pattern(-1)
                except Exception as e:
                    print(type(e).__name__ + ":", e.getMessage())
                import numpy
                view = memoryview(md.java().directPattern(16))
                print("memoryview(direct buffer): len", len(view), "nbytes right:", view.nbytes == 16)
                print("numpy.asarray(direct buffer):", numpy.asarray(md.java().directPattern(16)).nbytes)
                """, JDK_25);
        assertEquals(new Result(0, """
                ValueError: Memoryview must be writable for wrapping in a byte buffer
                java.lang.IllegalArgumentException: 4 bytes do not fit a byte[3]
                java.lang.IllegalArgumentException: size -1: must be from 0 to 67108864 bytes
                memoryview(direct buffer): len 16 nbytes right: False
                numpy.asarray(direct buffer): 16
                """, ""), result);
    }
}
