package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static nodetojava.Programs.AOT_CACHE;
import static nodetojava.Programs.COMPILER;
import static nodetojava.Programs.HERE;
import static nodetojava.Programs.LESSON;
import static nodetojava.Programs.java;
import static nodetojava.Programs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nodetojava.Programs.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the programs as a user would, with a plain `java` command, and checks what they print. */
class ProgramsTest {
    /** No JVM crash log anywhere in the folder, node-java's own npm package included (it ships one). */
    @Test
    void noCrashLogAnywhere() throws IOException {
        try (var files = Files.walk(HERE)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList());
        }
    }

    @Test
    void theLessonPrintsTheExpectedOutputAndNoWarning() throws Exception {
        assertEquals(new Result(0, Programs.expectedGraalJs(), ""), run(java(LESSON, "nodetojava.Main")));
    }

    @Test
    void withTheCompilerTheLessonPrintsTheSame() throws Exception {
        assertEquals(new Result(0, Programs.expectedGraalJs(), ""), run(java(COMPILER, "nodetojava.Main")));
    }

    @Test
    void theAotCacheIsReallyUsed() throws Exception {
        assertTrue(Files.exists(AOT_CACHE), "no " + AOT_CACHE + ": make trains it");
        List<String> flags = new ArrayList<>(LESSON);
        flags.add("-Xlog:class+load=info:stderr");
        long fromCache = run(java(flags, "nodetojava.Main")).stderr().lines().filter(l -> l.contains("shared objects file")).count();
        assertTrue(fromCache > 1000, "classes from the AOT cache: " + fromCache);
    }

    @Test
    void aMissingOrBrokenCacheChangesNothing(@TempDir Path temp) throws Exception {
        Path broken = Files.write(temp.resolve("broken.aot"), new byte[100_000]);
        for (Path cache : List.of(temp.resolve("missing.aot"), broken)) {
            List<String> flags = new ArrayList<>(LESSON);
            flags.replaceAll(flag -> flag.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + cache : flag);
            assertEquals(new Result(0, Programs.expectedGraalJs(), ""), run(java(flags, "nodetojava.Main")), cache.toString());
        }
    }

    @Test
    void aCacheMadeForOtherFlagsChangesNothing() throws Exception {
        // The cache was trained with C1 and the serial GC; here the JVM runs with C2 and G1.
        List<String> flags = new ArrayList<>(LESSON);
        flags.removeAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        flags.add("-XX:+UseG1GC");
        assertEquals(new Result(0, Programs.expectedGraalJs(), ""), run(java(flags, "nodetojava.Main")));
    }

    @Test
    void withoutXlogAotOffABrokenCacheIsReportedOnStdout(@TempDir Path temp) throws Exception {
        // Why the lesson's command line carries -Xlog:aot=off.
        Path broken = Files.write(temp.resolve("broken.aot"), new byte[100_000]);
        List<String> flags = new ArrayList<>(LESSON);
        flags.removeIf(flag -> flag.startsWith("-XX:AOTCache=") || flag.equals("-Xlog:aot=off"));
        flags.add("-XX:AOTCache=" + broken);
        Result result = run(java(flags, "nodetojava.Main"));
        assertEquals(0, result.exitCode());
        // The JVM's complaint about the cache, on stdout, before the lesson's own output.
        String complaint = result.stdout().substring(0, result.stdout().length() - Programs.expectedGraalJs().length());
        assertEquals(Programs.expectedGraalJs(), result.stdout().substring(complaint.length()), result.stdout());
        assertTrue(complaint.lines().allMatch(line -> line.matches("\\[[0-9.]+s\\]\\[(warning|error) *\\]\\[aot\\] .*")), complaint);
        assertTrue(complaint.contains("[aot] An error has occurred while processing the AOT cache"), complaint);
    }

    @Test
    void theCompilerSwitchesTheAotCacheOff() throws Exception {
        // Why the lessons run without the compiler: its --upgrade-module-path disables the AOT cache.
        List<String> flags = new ArrayList<>(COMPILER);
        flags.add("-XX:AOTCache=" + AOT_CACHE);
        Result result = run(java(flags, "nodetojava.Main"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("[warning][aot] AOT cache is disabled when the --upgrade-module-path option is specified.\n",
                result.stdout().indexOf('[', 1)), result.stdout());
        assertTrue(result.stdout().endsWith(Programs.expectedGraalJs()), result.stdout());
    }

    @Test
    void withTheCompilerJsIsReallyCompiled(@TempDir Path temp) throws Exception {
        Path hot = Files.writeString(temp.resolve("hot.js"), """
                function square(x) { return calculator.multiply(x, x); }
                let sum = 0;
                for (let i = 0; i < 300000; i++) { sum = (sum + square(i & 1023)) | 0; }
                console.log('sum ' + sum);
                """);
        List<String> traced = new ArrayList<>(COMPILER);
        traced.add("-Dpolyglot.engine.TraceCompilation=true");
        traced.add("-Dpolyglot.engine.BackgroundCompilation=false"); // compile before going on: no race with the loop's end
        traced.add("-Dplayground.seconds=300"); // compiling on the script's thread takes seconds on a busy machine
        Result result = run(java(traced, "nodetojava.Playground", hot.toString()));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().endsWith("sum " + expectedSum() + "\n"), result.stdout());
        assertTrue((result.stdout() + result.stderr()).contains("opt done"), "Truffle compiled nothing: " + result.stderr());
    }

    private static int expectedSum() {
        int sum = 0;
        for (int i = 0; i < 300000; i++) {
            sum = sum + (i & 1023) * (i & 1023);
        }
        return sum;
    }

    @Test
    void withoutTheCompilerOrTheFlagTheEngineWarnsOnManyLines() throws Exception {
        // Why the interpreter fallback sets -Dpolyglot.engine.WarnInterpreterOnly=false.
        List<String> withoutTheFlag = new ArrayList<>(LESSON);
        assertTrue(withoutTheFlag.remove("-Dpolyglot.engine.WarnInterpreterOnly=false"));
        Result result = run(java(withoutTheFlag, "nodetojava.Main"));
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("[engine] WARNING: The polyglot engine uses a fallback runtime"), result.stderr());
        assertTrue(result.stderr().lines().count() > 3, result.stderr());
    }

    @Test
    void withoutTheUnsafeFlagJdk25Warns() throws Exception {
        // Why every command line carries --sun-misc-unsafe-memory-access=allow.
        List<String> command = new ArrayList<>(java(LESSON, "nodetojava.Main"));
        command.remove("--sun-misc-unsafe-memory-access=allow");
        Result result = run(command);
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("WARNING: sun.misc.Unsafe"), result.stderr());
    }

    // --- the playground: make run SCRIPT=... ---

    static Result playground(Path temp, String fileName, String script, String... flags) throws Exception {
        return Programs.playground(Files.writeString(temp.resolve(fileName), script), flags);
    }

    @Test
    void aUsersScriptUsesTheSameApiAndModules(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "mine.js", """
                const calc = require('./calculator.js');
                console.log(calc.multiply(6, 7), require('semver').inc('25.0.3', 'patch'));
                """);
        assertEquals(new Result(0, "42 25.0.4\n", ""), result);
    }

    @Test
    void aUsersEsModuleWorksToo(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "mine.mjs", "import { multiply } from '../esm/calculator.mjs'; console.log(multiply(6, 7));");
        assertEquals(new Result(0, "42\n", ""), result);
    }

    @Test
    void aDeniedAccessIsOneClearLineAndExitCode1(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "evil.js", "console.log('before');\nJava.type('java.lang.Runtime').getRuntime().exec('id');\n");
        assertEquals(1, result.exitCode());
        assertEquals("before\n", result.stdout());
        assertEquals("denied: TypeError: Access to host class java.lang.Runtime is not allowed or does not exist. (evil.js:2)\n",
                result.stderr());
    }

    @Test
    void aDeniedFileIsOneClearLine(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "peek.js", "load('/etc/passwd');");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("denied: Error: access to /etc/passwd is denied"), result.stderr());
        assertTrue(!result.stderr().contains("root:"), "the file's content must not leak into the message");
    }

    @Test
    void aScriptsOwnBugIsAnErrorNotADenial(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "typo.js", "\nundefinedFunction();");
        assertEquals(new Result(1, "", "error: ReferenceError: undefinedFunction is not defined (typo.js:2)\n"), result);
    }

    @Test
    void aRunawayScriptIsStoppedWithExitCode3ForTime(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "forever.js", "for (;;) {}", "-Dplayground.seconds=1");
        assertEquals(new Result(3, "", "stopped: the script ran longer than 1 s and was stopped (a loop that never ends?);"
                + " its context is closed; -Dplayground.seconds=N sets the limit\n"), result);
    }

    @Test
    void aMissingScriptIsAUsageError() throws Exception {
        Result result = run(java(LESSON, "nodetojava.Playground", "no/such/script.js"));
        assertEquals(new Result(2, "", "no such script: no/such/script.js (give SCRIPT a path to a .js or .mjs file)\n"), result);
        assertEquals(new Result(2, "", "usage: make run SCRIPT=path/to/script.js\n"), run(java(LESSON, "nodetojava.Playground")));
    }
}
