package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pythontojava.Programs.HERE;
import static pythontojava.Programs.JDK_25;
import static pythontojava.Programs.assertPrintsItsSectionAndNoWarning;
import static pythontojava.Programs.command;
import static pythontojava.Programs.makeRun;
import static pythontojava.Programs.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pythontojava.Programs.Result;

/**
 * Runs each JVM-hosted program (Jython, GraalPy) as a user would, with the Makefile's command line,
 * and checks what it prints. The CPython + JPype program has its own class, {@link JPypeTest}.
 */
class ProgramsTest {
    private static final String JAVA = Programs.JAVA;
    private static final List<String> JYTHON = Programs.JYTHON;
    private static final List<String> GRAALPY = Programs.GRAALPY;
    private static final List<String> GRAALPY_FLAGS = Programs.GRAALPY_FLAGS;

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
        // Python's traceback goes with the script's output; the host's verdict is one line on stderr.
        assertTrue(result.stdout().startsWith("before\nTraceback (most recent call last):\n"), result.stdout());
        assertTrue(result.stdout().contains("File \"" + script + "\", line 3, in <module>"), result.stdout());
        assertEquals("denied: " + script + ": KeyError: 'host symbol java.lang.Runtime is not defined or access has been denied'\n",
                result.stderr());
    }

    @Test
    void aUsersScriptsOwnExitStatusCannotPassForAVerdict(@TempDir Path dir) throws Exception {
        // 3 would say "stopped by the time limit": any status but 0 is the script's failure, 1.
        Path script = Files.writeString(dir.resolve("exits.py"), "import sys\nprint(6 * 7)\nsys.exit(3)\n");
        Result result = run(command(GRAALPY, "pythontojava.GraalPyRunner", script.toString()));
        assertEquals(new Result(1, "42\n", "error: " + script + " exited with sys.exit(3)\n"), result);
        Path success = Files.writeString(dir.resolve("done.py"), "import sys\nprint(6 * 7)\nsys.exit(0)\n");
        assertEquals(new Result(0, "42\n", ""), run(command(GRAALPY, "pythontojava.GraalPyRunner", success.toString())));
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
