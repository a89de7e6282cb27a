package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each JVM-hosted program (Jython, GraalPy) as a user would, with the Makefile's command line,
 * and checks what it prints. The CPython + JPype program has its own class, {@link JPypeTest}.
 */
class ProgramsTest {
    static final Path HERE = Path.of("").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The environment that points the Makefile (and JPype) at this JDK 25. */
    static final Map<String, String> JDK_25 = Map.of("JAVA_HOME", System.getProperty("java.home"));
    // The Makefile's FAST flags, with each runtime's AOT cache (`make test` makes it first; under a
    // bare `mvn test` it may be missing or stale: the output must be the same either way).
    private static List<String> fast(String runtime) {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCache=target/" + runtime + ".aot", "-Xlog:aot=off");
    }
    private static final String JYTHON_CP = "target/python-to-java.jar:target/jython/jython-standalone-2.7.4.jar";
    /** The Makefile's $(JYTHON): its JYTHON_FLAGS, JYTHON_LEAN and FAST, and the cache. */
    static final List<String> JYTHON = command(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", JYTHON_CP,
            "-Dpython.import.site=false", "-Dpython.console.encoding=UTF-8"), fast("jython"));
    private static final List<String> GRAALPY_FLAGS = List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-cp", "target/python-to-java.jar:target/lib/*");
    /** The Makefile's $(GRAALPY): its GRAALPY_FLAGS and INTERPRET, and the cache. */
    static final List<String> GRAALPY = command(GRAALPY_FLAGS, List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), fast("graalpy"));

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** Runs command in this folder, with env added to the environment; checks that it ends and did not crash. */
    static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(HERE.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the program did not finish in 120 s: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(HERE)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /**
     * `make -s run ARGS` on the build Maven is testing (-o: make must not build it again), a fresh
     * make: not a sub-make of the `make test` that may be running these tests.
     */
    static List<String> makeRun(String... args) {
        return command(List.of("env", "-u", "MAKEFLAGS", "-u", "MFLAGS", "-u", "MAKELEVEL", "make", "-s", "--no-print-directory",
                "-o", "target/packaged.stamp", "-o", "target/jython.aot", "-o", "target/graalpy.aot", "run"), List.of(args));
    }

    @SafeVarargs
    static List<String> command(List<String>... parts) {
        List<String> command = new ArrayList<>();
        for (List<String> part : parts) {
            command.addAll(part);
        }
        return command;
    }

    static List<String> command(List<String> start, String... more) {
        return command(start, List.of(more));
    }

    /** The title line of the section of expected-output.txt that starts with `part + ": "`. */
    static String expectedOutputTitle(String part) throws IOException {
        return Files.readAllLines(Path.of("expected-output.txt")).stream()
                .filter(line -> line.startsWith(part + ": ")).findFirst().orElseThrow();
    }

    /** The lines of expected-output.txt from the line `title` up to the next section title. */
    static String expectedSection(String title) throws IOException {
        String expected = Files.readString(Path.of("expected-output.txt"));
        int start = expected.indexOf(title + "\n");
        assertTrue(start >= 0, "no section " + title + " in expected-output.txt");
        int end = start + title.length() + 1;
        while (end < expected.length() && expected.charAt(end) == ' ') {
            end = expected.indexOf('\n', end) + 1;
        }
        return expected.substring(start, end);
    }

    static void assertPrintsItsSectionAndNoWarning(Result result) throws IOException {
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        String title = result.stdout().lines().findFirst().orElseThrow();
        assertEquals(expectedSection(title), result.stdout());
    }

    @Test
    void jythonRunsItsScript() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(JYTHON, "org.python.util.jython", "src/main/python/jython/calculator.py")));
    }

    @Test
    void javaEmbedsJython() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(JYTHON, "pythontojava.JythonEmbedding")));
    }

    @Test
    void theCommandLinesAboveAreTheMakefiles() throws Exception {
        String commands = run(makeRun("-n"), JDK_25).stdout();
        for (List<String> program : List.of(command(JYTHON, "org.python.util.jython", "src/main/python/jython/calculator.py"),
                command(GRAALPY, "pythontojava.GraalPyRunner", "src/main/python/graalpy/calculator.py"))) {
            assertTrue(commands.contains(String.join(" ", program) + "\n"), String.join(" ", program) + "\nis not in:\n" + commands);
        }
    }

    @Test
    void jythonRunsWithoutSitePyAndWritesUtf8WhateverTheLocale(@TempDir Path dir) throws Exception {
        // JYTHON_LEAN's two properties: no site module (so no exit(): sys.exit() works), and the
        // console's encoding given, not asked of `locale charmap` (under LANG=C: ANSI_X3.4-1968).
        Path script = Files.writeString(dir.resolve("lean.py"), "import sys\nprint 'site' in sys.modules, sys.stdout.encoding\n");
        Result result = run(command(JYTHON, "org.python.util.jython", script.toString()), Map.of("LANG", "C", "LC_ALL", "C"));
        assertEquals(new Result(0, "False UTF-8\n", ""), result);
    }

    @Test
    void aMissingStaleOrBrokenAotCacheChangesNothingAndSaysNothing(@TempDir Path dir) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.aot"), new byte[4096]);
        Path missing = dir.resolve("missing.aot");
        Path otherClassPath = HERE.resolve("target/graalpy.aot"); // made for GraalPy's class path, or absent
        for (Path cache : List.of(garbage, missing, otherClassPath)) {
            List<String> jython = command(JYTHON.stream().map(arg -> arg.startsWith("-XX:AOTCache=")
                    ? "-XX:AOTCache=" + cache : arg).toList(), "pythontojava.JythonEmbedding");
            assertPrintsItsSectionAndNoWarning(run(jython));
        }
    }

    @Test
    void jythonWithoutOurClassesSaysWhichImportFailed() throws Exception {
        // The trap: `java -jar jython-standalone.jar` ignores -cp, so our classes are not found.
        Result result = run(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", "target/python-to-java.jar",
                "-jar", "target/jython/jython-standalone-2.7.4.jar", "src/main/python/jython/calculator.py"));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("ImportError: No module named pythontojava"), result.stderr());
    }

    @Test
    void graalPyRunsItsScriptInTheSandbox() throws Exception {
        assertPrintsItsSectionAndNoWarning(run(command(GRAALPY, "pythontojava.GraalPyRunner", "src/main/python/graalpy/calculator.py")));
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
    void withoutTheCompilerGraalPyWarnsThatItOnlyInterpretsUnlessToldNotTo() throws Exception {
        // Why the command line carries -Dpolyglot.engine.WarnInterpreterOnly=false: without it, this.
        List<String> warning = GRAALPY.stream().filter(arg -> !arg.startsWith("-Dpolyglot.engine.WarnInterpreterOnly")).toList();
        Result result = run(command(warning, "pythontojava.GraalPyEmbedding"));
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("does not support runtime compilation"), result.stderr());
    }

    @Test
    void makeRunWithJitOneRunsYourScriptWithTheCompilerInsteadOfTheCache(@TempDir Path dir) throws Exception {
        // JIT=1 drops -Dpolyglot.engine.WarnInterpreterOnly=false: with the compiler there is no warning.
        Path script = Files.writeString(dir.resolve("answer.py"), "print(6 * 7)\n");
        List<String> make = makeRun("SCRIPT=" + script, "JIT=1");
        assertEquals(new Result(0, "42\n", ""), run(make, JDK_25));
        String commandLine = run(command(make, "-n"), JDK_25).stdout();
        assertTrue(commandLine.contains("--upgrade-module-path=") && !commandLine.contains("-XX:AOTCache")
                && !commandLine.contains("WarnInterpreterOnly"), commandLine);
    }

    @Test
    void withTheCompilerTheJvmCannotUseAnAotCache() throws Exception {
        // Why make run has no compiler (what `make bench` runs GraalPy's call rows with: JVMCI and its jars).
        String compiler = String.join(":", Stream.of("collections", "compiler", "truffle-compiler", "word")
                .map(jar -> "target/compiler/" + jar + "-25.0.3.jar").toList());
        Result cache = run(command(GRAALPY_FLAGS, List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + compiler, "-XX:AOTCache=target/graalpy.aot", "-version")));
        // (The JVM logs its warnings on stdout.)
        assertTrue(cache.stdout().contains("AOT cache is disabled when the --upgrade-module-path option is specified"), cache.stdout());
    }
}
