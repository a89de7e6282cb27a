package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the programs as a user would, with a plain `java` command, and checks what they print. */
class ProgramsTest {
    static final Path HERE = Path.of("").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final List<String> JAVA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    static final List<String> COMPILER = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            "--upgrade-module-path=target/compiler");
    /** What `make run` uses (the Makefile's FAST_FLAGS and the AOT cache that `make` trains). */
    static final Path AOT_CACHE = Path.of("target/graaljs.aot");
    static final List<String> LESSON = List.of("-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:AOTCache=" + AOT_CACHE, "-Xlog:aot=off");
    static final List<String> CLASSPATH = List.of("-cp", "target/node-to-java.jar:target/lib/*");

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

    /** No JVM crash log anywhere in the folder, node-java's own npm package included (it ships one). */
    @Test
    void noCrashLogAnywhere() throws IOException {
        try (var files = Files.walk(HERE)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList());
        }
    }

    /** java [flags] -cp ... mainClass args */
    static List<String> java(List<String> runtime, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JAVA_FLAGS);
        command.addAll(runtime);
        command.addAll(CLASSPATH);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** The GraalJS lesson's part of expected-output.txt (the Node.js part follows it). */
    static String expected() throws IOException {
        String all = Files.readString(Path.of("expected-output.txt"));
        return all.substring(0, all.indexOf("Node.js:"));
    }

    @Test
    void theLessonPrintsTheExpectedOutputAndNoWarning() throws Exception {
        assertEquals(new Result(0, expected(), ""), run(java(LESSON, "nodetojava.Main")));
    }

    @Test
    void withTheCompilerTheLessonPrintsTheSame() throws Exception {
        assertEquals(new Result(0, expected(), ""), run(java(COMPILER, "nodetojava.Main")));
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
            assertEquals(new Result(0, expected(), ""), run(java(flags, "nodetojava.Main")), cache.toString());
        }
    }

    @Test
    void aCacheMadeForOtherFlagsChangesNothing() throws Exception {
        // The cache was trained with C1 and the serial GC; here the JVM runs with C2 and G1.
        List<String> flags = new ArrayList<>(LESSON);
        flags.removeAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        flags.add("-XX:+UseG1GC");
        assertEquals(new Result(0, expected(), ""), run(java(flags, "nodetojava.Main")));
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
        assertTrue(!result.stdout().equals(expected()), result.stdout());
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
        Path file = Files.writeString(temp.resolve(fileName), script);
        List<String> runtime = new ArrayList<>(LESSON);
        runtime.addAll(List.of(flags));
        return run(java(runtime, "nodetojava.Playground", file.toString()));
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
    void aRunawayScriptIsStoppedWithExitCode3(@TempDir Path temp) throws Exception {
        Result result = playground(temp, "forever.js", "for (;;) {}", "-Dplayground.seconds=1");
        assertEquals(new Result(3, "", "stopped: the script ran longer than 1 s and was stopped (a loop that never ends?);"
                + " its context is closed; -Dplayground.seconds=N sets the limit\n"), result);
    }

    @Test
    void aMissingScriptIsAUsageError() throws Exception {
        Result result = run(java(LESSON, "nodetojava.Playground", "no/such/script.js"));
        assertEquals(new Result(2, "", "no such script: no/such/script.js (give SCRIPT a path to a .js or .mjs file)\n"), result);
    }
}
