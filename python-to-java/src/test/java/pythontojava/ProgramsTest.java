package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program as a user would, with a plain command line, and checks what it prints. */
class ProgramsTest {
    private static final Path HERE = Path.of("").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JYTHON_CP = "target/lib/jython-standalone-2.7.4.jar:target/classes";
    private static final String GRAAL = "25.0.3";
    private static final List<String> GRAALPY = List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            "--upgrade-module-path=" + String.join(":", List.of("collections", "compiler", "truffle-compiler", "word")
                    .stream().map(jar -> "target/compiler/" + jar + "-" + GRAAL + ".jar").toList()),
            "-cp", "target/classes:target/lib/*");
    // The Makefile's PYTHON: Debian's python3, where python3-jpype installs JPype.
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "/usr/bin/python3");

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(HERE.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish: " + command);
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(HERE)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    private static List<String> command(List<String> start, String... more) {
        List<String> command = new ArrayList<>(start);
        command.addAll(List.of(more));
        return command;
    }

    /** The lines of expected-output.txt from the line `title` up to the next section title. */
    private static String expectedSection(String title) throws IOException {
        String expected = Files.readString(Path.of("expected-output.txt"));
        int start = expected.indexOf(title + "\n");
        assertTrue(start >= 0, "no section " + title + " in expected-output.txt");
        int end = start + title.length() + 1;
        while (end < expected.length() && expected.charAt(end) == ' ') {
            end = expected.indexOf('\n', end) + 1;
        }
        return expected.substring(start, end);
    }

    private static void assertPrintsItsSectionAndNoWarning(Result result) throws IOException {
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        String title = result.stdout().lines().findFirst().orElseThrow();
        assertEquals(expectedSection(title), result.stdout());
    }

    @Test
    void jythonRunsThePython2Script() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", JYTHON_CP,
                "org.python.util.jython", "src/main/python2/calculator.py")));
    }

    @Test
    void javaEmbedsJython() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", JYTHON_CP,
                "pythontojava.JythonEmbedding")));
    }

    @Test
    void jythonWithoutOurClassesSaysWhichImportFailed() throws Exception {
        // The trap: `java -jar jython-standalone.jar` ignores -cp, so our classes are not found.
        Result result = run(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", "target/classes",
                "-jar", "target/lib/jython-standalone-2.7.4.jar", "src/main/python2/calculator.py"));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("ImportError: No module named pythontojava"), result.stderr());
    }

    @Test
    void graalPyRunsThePython3ScriptInTheSandbox() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(GRAALPY, "pythontojava.GraalPyRunner", "src/main/python3/calculator.py")));
    }

    @Test
    void javaEmbedsGraalPy() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(GRAALPY, "pythontojava.GraalPyEmbedding")));
    }

    @Test
    void aUsersScriptThatFailsExitsWithItsPythonError(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("mine.py"), """
                import java
                print("before")
                java.type("java.lang.Runtime").getRuntime().exec("true")
                """);
        Result result = run(command(GRAALPY, "pythontojava.GraalPyRunner", script.toString()));
        assertEquals(1, result.exitCode());
        assertEquals("before\n", result.stdout());
        assertTrue(result.stderr().startsWith("error: " + script + " failed: KeyError"), result.stderr());
        assertTrue(result.stderr().contains("File \"" + script + "\", line 3, in <module>"), result.stderr());
    }

    @Test
    void aUsersScriptCanExitWithItsOwnStatus(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("exits.py"), "import sys\nprint(6 * 7)\nsys.exit(3)\n");
        Result result = run(command(GRAALPY, "pythontojava.GraalPyRunner", script.toString()));
        assertEquals(new Result(3, "42\n", ""), result);
    }

    @Test
    void aMissingScriptIsOneClearLine(@TempDir Path dir) throws Exception {
        Result result = run(command(GRAALPY, "pythontojava.GraalPyRunner", dir.resolve("none.py").toString()));
        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().startsWith("error: no Python script at " + dir.resolve("none.py")), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    @Test
    void withoutTheCompilerGraalPyWarnsThatItOnlyInterprets() throws Exception {
        // Why the command line carries JVMCI and the compiler jars: this is what users see without them.
        Result result = run(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", "target/classes:target/lib/*", "pythontojava.GraalPyEmbedding"));
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("[To redirect Truffle log output to a file use one of the following options:"), result.stderr());
        assertTrue(result.stderr().contains("does not support runtime compilation"), result.stderr());
    }

    private static boolean jpypeImportable() throws Exception {
        if (!new File(PYTHON).canExecute()) {
            return false;
        }
        return run(List.of(PYTHON, "-c", "import jpype")).exitCode() == 0;
    }

    @Test
    void cpythonCallsJavaThroughJPype() throws Exception {
        if (!jpypeImportable()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true: JPype must be importable by " + PYTHON + " (apt-get install python3-jpype)");
            }
            assumeTrue(false, "JPype is not importable by " + PYTHON + ": apt-get install python3-jpype");
        }
        Result result = run(List.of(PYTHON, "src/main/python3/calculator_jpype.py", System.getProperty("java.home"),
                "target/classes"));
        assertPrintsItsSectionAndNoWarning(result);
    }

    @Test
    void withoutJPypeTheScriptSaysSkipAndHowToInstall(@TempDir Path dir) throws Exception {
        // An interpreter that cannot import jpype: python3 with a path where jpype is shadowed by a broken stub.
        Files.writeString(dir.resolve("jpype.py"), "raise ImportError('no JPype here')\n");
        List<String> command = List.of("env", "PYTHONPATH=" + dir, "CI=false", PYTHON,
                "src/main/python3/calculator_jpype.py", System.getProperty("java.home"), "target/classes");
        assumeTrue(new File(PYTHON).canExecute(), "no " + PYTHON);
        Result result = run(command);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("SKIP: JPype is not importable by "), result.stdout());
        assertTrue(result.stdout().contains("apt-get install python3-jpype"), result.stdout());

        List<String> onCi = new ArrayList<>(command);
        onCi.set(2, "CI=true");
        Result failed = run(onCi);
        assertEquals(1, failed.exitCode());
        assertTrue(failed.stderr().startsWith("error: JPype is not importable"), failed.stderr());
    }

    @Test
    void aJavaExceptionThatCPythonDoesNotCatchIsAPythonTraceback(@TempDir Path dir) throws Exception {
        assumeTrue(jpypeImportable() || "true".equals(System.getenv("CI")), "no JPype");
        Path script = Files.writeString(dir.resolve("uncaught.py"), """
                import sys, runpy
                sys.argv = ["calculator_jpype.py", sys.argv[1], sys.argv[2]]
                import jpype, jpype.imports
                jars = ["%s/target/classes"] + (["/usr/share/java/org.jpype.jar"]
                    if jpype.__file__.startswith("/usr/lib/python3/dist-packages/") else [])
                jpype.startJVM(sys.argv[1] + "/lib/server/libjvm.so", "--enable-native-access=ALL-UNNAMED", classpath=jars)
                from pythontojava import Calculator
                Calculator.squares(-1)
                """.formatted(HERE));
        Result result = run(List.of(PYTHON, script.toString(), System.getProperty("java.home"), "x"));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("pythontojava.CalculatorException: pythontojava.CalculatorException: squares(-1): n must not be negative"),
                result.stderr());
    }
}
