package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox in this JVM: what crosses the boundary, and what a script cannot do. */
class SandboxTest {
    static final Path MODULES = Path.of("src/main/js");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Sandbox sandbox;

    @BeforeEach
    void open() {
        sandbox = new Sandbox(MODULES, Duration.ofSeconds(30), out, out);
    }

    @AfterEach
    void close() {
        sandbox.close();
        theHostStillWorks();
    }

    /** After every test, whatever a script did: a new sandbox in this JVM runs a normal script, and no watchdog is left. */
    private static void theHostStillWorks() {
        try (Sandbox next = new Sandbox(MODULES, Duration.ofSeconds(30), OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            assertEquals(42, next.eval("calculator.multiply(6, 7)").asInt());
        }
        assertFalse(watchdogRunning(), "no watchdog thread is left behind");
    }

    private PolyglotException refused(String javaScript) {
        return assertThrows(PolyglotException.class, () -> sandbox.eval(javaScript), javaScript);
    }

    // --- what crosses the boundary ---

    @Test
    void aRequiredModuleCallsTheExportedJavaMethod() {
        assertEquals(8, sandbox.eval("require('./calculator.js').multiply(4, 2)").asInt());
    }

    @Test
    void javaCallsAJsFunctionBackAsAFunctionalInterface() {
        assertEquals(81, sandbox.eval("calculator.applyTwice(x => x * x, 3)").asInt());
    }

    @Test
    void aJavaExceptionIsCaughtInJs() {
        Value caught = sandbox.eval("try { calculator.divide(1, 0); 'no exception' } catch (e) { e.message }");
        assertEquals("/ by zero", caught.asString());
    }

    @Test
    void anUncaughtJavaExceptionReachesJavaAsTheOriginalException() {
        PolyglotException e = refused("calculator.divide(1, 0)");
        assertTrue(e.isHostException());
        assertInstanceOf(ArithmeticException.class, e.asHostException());
    }

    @Test
    void aJsErrorReachesJavaAsAPolyglotExceptionWithTheJsStackTrace() {
        Value percent = sandbox.eval("require('./main.js')").getMember("percent");
        assertEquals(25.0, percent.execute(1, 4).asDouble());
        PolyglotException e = assertThrows(PolyglotException.class, () -> percent.execute(1, 0));
        assertTrue(e.isGuestException());
        assertEquals("RangeError: whole must be positive, got 0", e.getMessage());
        List<String> jsFrames = java.util.stream.StreamSupport.stream(e.getPolyglotStackTrace().spliterator(), false)
                .filter(PolyglotException.StackFrame::isGuestFrame).map(Main::describe).toList();
        assertEquals(List.of("checkPositive (calculator.js:31)", "percent (calculator.js:36)"), jsFrames);
    }

    @Test
    void aJsErrorThrownInsideAJavaCallbackReachesTheHost() {
        PolyglotException e = refused("calculator.applyTwice(x => { throw new TypeError('bad ' + x) }, 1)");
        assertTrue(e.isGuestException());
        assertEquals("TypeError: bad 1", e.getMessage());
    }

    @Test
    void theNpmPackageLoadsFromNodeModules() {
        assertEquals("25.0.3", sandbox.eval("require('semver').valid('v25.0.3')").asString());
    }

    @Test
    void anEsModuleImportsItsLocalModule() throws Exception {
        Value exports = sandbox.eval(org.graalvm.polyglot.Source.newBuilder("js", MODULES.resolve("esm/main.mjs").toFile()).build());
        assertTrue(exports.getMember("percent").canExecute());
        assertTrue(out.toString().contains("  4 * 2 = 8\n"), out.toString());
    }

    // --- what a script cannot reach ---

    @Test
    void noJavaLangRuntime() {
        assertEquals("TypeError: Access to host class java.lang.Runtime is not allowed or does not exist.",
                refused("Java.type('java.lang.Runtime').getRuntime().exec('id')").getMessage());
    }

    @Test
    void noJavaLangSystem() {
        assertTrue(refused("Java.type('java.lang.System').exit(1)").getMessage().contains("java.lang.System is not allowed"));
        assertTrue(refused("Packages.java.lang.System.exit(1)").getMessage().startsWith("TypeError"));
    }

    @Test
    void noReflection() {
        assertTrue(refused("calculator.getClass()").getMessage().contains("Unknown identifier: getClass"));
        assertTrue(refused("Java.type('java.lang.Class').forName('java.lang.System')").getMessage().contains("not allowed"));
        assertTrue(refused("Java.type('java.lang.reflect.Method')").getMessage().contains("not allowed"));
        // Exported methods are functions to JS, not java.lang.reflect.Method objects.
        assertEquals("undefined", sandbox.eval("typeof calculator.multiply.getClass").asString());
    }

    @Test
    void onlyExportedMembersAreVisible() {
        assertTrue(refused("calculator.secret()").getMessage().contains("Unknown identifier: secret"));
        assertEquals(List.of("applyTwice", "divide", "multiply", "repeat"),
                sandbox.eval("Object.keys(calculator).sort()").as(List.class));
    }

    @Test
    void noFilesOutsideTheModuleFolder() {
        String denied = "is denied: scripts may read only files in " + MODULES.toAbsolutePath();
        assertTrue(refused("load('/etc/passwd')").getMessage().contains("access to /etc/passwd " + denied));
        assertTrue(refused("require('/etc/passwd')").getMessage().contains("access to /etc/passwd " + denied));
        assertTrue(refused("require('../../../../pom.xml')").getMessage()
                .contains("access to " + Path.of("pom.xml").toAbsolutePath() + " " + denied));
        assertTrue(refused("require('fs')").getMessage().startsWith("TypeError: Cannot load module: 'fs'"));
    }

    @Test
    void withIoAccessAllAScriptReadsAnyFileEvenThroughAnError() {
        // Why the sandbox has its own file system: IOAccess.ALL lets load() read /etc/passwd, and
        // the SyntaxError that follows quotes the file's first line.
        try (Context open = Context.newBuilder("js").allowIO(IOAccess.ALL).out(out).err(out).build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> open.eval("js", "load('/etc/passwd')"));
            assertTrue(e.getMessage().startsWith("SyntaxError: passwd:1:") && e.getMessage().contains("root:"), e.getMessage());
        }
    }

    @Test
    void anEsModuleCannotImportACommonJsPackage() throws Exception {
        // Why esm/main.mjs does not use semver: GraalJS loads an imported .js file as an ES module.
        Source module = Source.newBuilder("js", "import semver from '../node_modules/semver/index.js'; export default semver;", "uses-semver.mjs")
                .mimeType("application/javascript+module").build();
        PolyglotException e = assertThrows(PolyglotException.class, () -> sandbox.eval(module));
        assertTrue(e.getMessage().contains("Unsupported file extension"), e.getMessage());
    }

    @Test
    void noSymbolicLinkOutOfTheModuleFolder(@TempDir Path temp) throws Exception {
        Path modules = Files.createDirectories(temp.resolve("modules/commonjs"));
        Path outside = Files.writeString(temp.resolve("outside.js"), "module.exports = 'a secret outside';");
        Files.createSymbolicLink(modules.resolve("escape.js"), outside);
        Files.writeString(modules.resolve("inside.js"), "module.exports = 'inside';");
        try (Sandbox other = new Sandbox(temp.resolve("modules"), Duration.ofSeconds(30), out, out)) {
            assertEquals("inside", other.eval("require('./inside.js')").asString());
            PolyglotException e = assertThrows(PolyglotException.class, () -> other.eval("require('./escape.js')"));
            assertTrue(e.getMessage().contains("is denied"), e.getMessage());
        }
    }

    @Test
    void theModuleFolderIsReadOnly(@TempDir Path temp) throws Exception {
        // GraalJS has no built-in that writes files; the file system refuses writes anyway.
        var files = new ModuleFolderFileSystem(temp);
        Path inside = temp.resolve("new-file.js").toAbsolutePath();
        assertThrows(SecurityException.class, () -> files.newByteChannel(inside,
                java.util.Set.of(java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)));
        assertFalse(Files.exists(inside));
    }

    @Test
    void noThreads() {
        assertTrue(refused("new (Java.type('java.lang.Thread'))(() => {}).start()").getMessage().contains("not allowed"));
        assertEquals("undefined undefined", sandbox.eval("typeof Worker + ' ' + typeof setTimeout").asString());
    }

    @Test
    void noNetwork() {
        assertTrue(refused("Java.type('java.net.Socket')").getMessage().contains("not allowed"));
        assertTrue(refused("require('http')").getMessage().startsWith("TypeError: Cannot load module: 'http'"));
        sandbox.eval("var result; import('https://example.com/x.mjs').then(() => result = 'loaded', e => result = String(e))");
        Value imported = sandbox.eval("result"); // the promise settled after the first eval
        assertTrue(imported.asString().contains("access to https://example.com/x.mjs is denied"), imported.asString());
        assertEquals("undefined undefined undefined", sandbox.eval("typeof fetch + ' ' + typeof XMLHttpRequest + ' ' + typeof WebSocket").asString());
    }

    @Test
    void noProcessEnvironmentOrOtherLanguages() {
        assertEquals("undefined", sandbox.eval("typeof process").asString());
        assertTrue(refused("Polyglot.eval('python', '1')").getMessage().startsWith("ReferenceError: Polyglot is not defined"));
    }

    // --- the limits: time, output, heap ---

    private static Sandbox limited(SandboxLimits limits, OutputStream out) {
        return new Sandbox(MODULES, limits, out, out);
    }

    private static final SandboxLimits ONE_SECOND = new SandboxLimits(Duration.ofSeconds(1), SandboxLimits.MB, 512 * SandboxLimits.MB);

    @Test
    void aRunawayScriptIsStoppedAndItsContextClosed() {
        try (Sandbox limited = limited(ONE_SECOND, out)) {
            Sandbox.ScriptStoppedException e = assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("for (;;) {}"));
            assertEquals(SandboxLimits.Limit.TIME, e.limit());
            assertEquals("the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed",
                    e.getMessage());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> limited.eval("1 + 1"), "a stopped context stays closed");
            assertEquals("this sandbox stopped a script (TIME limit) and is closed; create a new one", again.getMessage());
        }
    }

    @Test
    void aRunawayCallbackInsideJavaIsStoppedToo() {
        try (Sandbox limited = limited(ONE_SECOND, out)) {
            assertEquals(SandboxLimits.Limit.TIME, assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("calculator.applyTwice(x => { for (;;) {} }, 1)")).limit());
        }
    }

    @Test
    void aScriptThatPrintsForeverIsStoppedOnceItPassesTheOutputLimit() {
        SandboxLimits tenKb = new SandboxLimits(Duration.ofSeconds(60), 10 * 1024, 512 * SandboxLimits.MB);
        try (Sandbox limited = limited(tenKb, out)) {
            Sandbox.ScriptStoppedException e = assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("for (let i = 0; ; i++) console.log('line ' + i)"));
            assertEquals(SandboxLimits.Limit.OUTPUT, e.limit());
            assertEquals("the script printed more than 10 KB and was stopped (a print loop that never ends?); its context is closed",
                    e.getMessage());
        }
        String printed = out.toString();
        assertTrue(printed.startsWith("line 0\nline 1\n"), printed.substring(0, 20));
        assertTrue(printed.length() <= 10 * 1024 + 1, "at most the limit, and a line break: " + printed.length());
        assertTrue(printed.endsWith("\n"), "the output ends with a whole line");
    }

    @Test
    void stdoutAndStderrShareOneOutputLimit() {
        SandboxLimits tenKb = new SandboxLimits(Duration.ofSeconds(60), 10 * 1024, 512 * SandboxLimits.MB);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Sandbox limited = new Sandbox(MODULES, tenKb, out, err)) {
            assertEquals(SandboxLimits.Limit.OUTPUT, assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("for (;;) { console.log('out'); console.error('err') }")).limit());
        }
        assertTrue(out.size() + err.size() <= 10 * 1024 + 1, out.size() + " + " + err.size());
        assertTrue(out.size() > 4000 && err.size() > 4000, out.size() + " + " + err.size());
    }

    @Test
    void anAllocationBombIsStoppedBecauseOfItsMemory() {
        SandboxLimits small = new SandboxLimits(Duration.ofSeconds(120), SandboxLimits.MB, 256 * SandboxLimits.MB);
        // The limit held is at most 3/4 of this JVM's old generation (SANDBOX.md), in whole MB.
        long oldGeneration = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Tenured Gen")).findFirst().orElseThrow().getUsage().getMax();
        long heldMb = Math.min(256, oldGeneration / 4 * 3 / SandboxLimits.MB);
        try (Sandbox limited = limited(small, out)) {
            Sandbox.ScriptStoppedException e = assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval(hostile("allocate-forever.js")));
            assertEquals(SandboxLimits.Limit.MEMORY, e.limit());
            assertEquals("the script filled the heap past " + heldMb + " MB and was stopped (an allocation that never ends?); its context is closed",
                    e.getMessage());
        }
    }

    @Test
    void anExportedMethodRefusesWorkWithoutBound() {
        // The guest sees an exception it can catch; the host allocates nothing and goes on.
        assertEquals("repeat: 2147483647 times 2 characters; the result may have 0 to 1000000 characters",
                refused("calculator.repeat('ab', 2 ** 31 - 1)").getMessage());
        assertTrue(refused("calculator.repeat('ab', -1)").getMessage().contains("repeat: -1 times"));
        assertEquals(Calculator.MAX_CHARS, sandbox.eval("calculator.repeat('ab', 500000).length").asInt());
        // An argument that is no int is refused by GraalJS itself (no lossy conversion).
        assertTrue(refused("calculator.multiply(2 ** 53, 2)").getMessage().contains("Cannot convert"), "2 ** 53");
    }

    @Test
    void textOutsideTheBmpCrossesToJavaAndBack() {
        Value result = sandbox.eval("const s = 'né 日本 \\u{1F600}'; const back = calculator.repeat(s, 1); [back === s, back.length, [...back].length]");
        assertEquals(List.of(true, 8, 7), result.as(List.class));
        assertEquals("né 日本 \uD83D\uDE00né 日本 \uD83D\uDE00", sandbox.eval("calculator.repeat('né 日本 \\u{1F600}', 2)").asString());
    }

    @Test
    void deepRecursionIsAJsErrorNotACrash() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> sandbox.eval(hostile("recurse-forever.js")));
        assertTrue(e.isGuestException());
        assertEquals("RangeError: Maximum call stack size exceeded", e.getMessage());
        assertEquals(3, sandbox.eval("1 + 2").asInt(), "the same sandbox goes on");
    }

    @Test
    void theWatchdogLivesAsLongAsTheSandbox() {
        for (int i = 0; i < 50; i++) {
            assertEquals(2 * i, sandbox.eval("calculator.multiply(" + i + ", 2)").asInt());
        }
        assertTrue(watchdogRunning(), "one thread for the sandbox, not one per call");
        sandbox.close();
        assertFalse(watchdogRunning());
    }

    @Test
    void theLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ZERO, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), 1, 0));
    }

    // --- the switches, checked by GraalVM's CONSTRAINED policy ---

    @Test
    void constrainedAcceptsEverySwitchButTheTwoTheLessonNeeds() {
        try (var context = Sandbox.constrainedBuilder(MODULES).out(out).err(out).build()) {
            context.getBindings("js").putMember("calculator", new Calculator());
            assertEquals(8, context.eval("js", "calculator.multiply(4, 2)").asInt());
            PolyglotException callback = assertThrows(PolyglotException.class,
                    () -> context.eval("js", "calculator.applyTwice(x => x * x, 3)"));
            assertTrue(callback.getMessage().contains("Cannot convert 'x => x * x'"), callback.getMessage());
        }
        IllegalArgumentException require = assertThrows(IllegalArgumentException.class, () -> Sandbox.constrainedBuilder(MODULES)
                .out(out).err(out).allowExperimentalOptions(true).option("js.commonjs-require", "true").build());
        assertTrue(require.getMessage().contains("The option js.commonjs-require can only be used up to the TRUSTED sandbox policy"),
                require.getMessage());
        IllegalArgumentException functions = assertThrows(IllegalArgumentException.class, () -> Sandbox.constrainedBuilder(MODULES)
                .out(out).err(out).allowHostAccess(org.graalvm.polyglot.HostAccess.EXPLICIT).build());
        assertTrue(functions.getMessage().contains("FunctionalInterface implementations must not be enabled"), functions.getMessage());
        IllegalArgumentException stdout = assertThrows(IllegalArgumentException.class, () -> Sandbox.constrainedBuilder(MODULES).build());
        assertTrue(stdout.getMessage().contains("the output must be redirected"), stdout.getMessage());
    }

    @Test
    void graalVmsOwnHeapLimitNeedsOracleGraalVm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sandbox.constrainedBuilder(MODULES)
                .out(out).err(out).option("sandbox.MaxHeapMemory", "256MB").build());
        assertTrue(e.getMessage().contains("require Truffle Enterprise Extensions"), e.getMessage());
    }

    // --- hostile scripts, as a user would run them: `make run SCRIPT=...` ---

    static final Path HOSTILE = Path.of("src/test/resources/hostile");

    private static org.graalvm.polyglot.Source hostile(String name) {
        try {
            return org.graalvm.polyglot.Source.newBuilder("js", HOSTILE.resolve(name).toFile()).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            start-process.js    | TypeError: Access to host class java.lang.ProcessBuilder is not allowed or does not exist.
            read-file.js        | Error: access to /etc/passwd is denied
            open-socket.js      | TypeError: Cannot load module: 'http'
            read-environment.js | ReferenceError: process is not defined
            look-up-class.js    | TypeError: Access to host class java.lang.Runtime is not allowed or does not exist.
            reflect.js          | TypeError: invokeMember (getClass) on nodetojava.Calculator failed due to: Unknown identifier: getClass
            other-language.js   | ReferenceError: Polyglot is not defined
            start-thread.js     | TypeError: Access to host class java.lang.Thread is not allowed or does not exist.
            recurse-forever.js  | RangeError: Maximum call stack size exceeded
            """)
    void aHostileScriptIsRefused(String script, String message) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> sandbox.eval(hostile(script)));
        assertTrue(e.isGuestException() && !e.isCancelled(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(!script.startsWith("recurse"), Playground.isDenial(e), "the playground calls it a denial");
        assertEquals(7, sandbox.eval("3 + 4").asInt(), "the same sandbox goes on");
    }

    // --- the playground as a process, as `make run SCRIPT=...` runs it ---

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            loop-forever.js     | 1024 | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed; -Dplayground.seconds=N sets the limit
            print-forever.js    | 1024 | 4 | stopped: the script printed more than 64 KB and was stopped (a print loop that never ends?); its context is closed; -Dplayground.output-kb=N sets the limit
            allocate-forever.js | 1024 | 5 | stopped: the script filled the heap past %d MB and was stopped (an allocation that never ends?); its context is closed; -Dplayground.heap-mb=N sets the limit
            allocate-at-once.js |  256 | 5 | stopped: the script filled the heap past %d MB and was stopped (an allocation that never ends?); its context is closed; -Dplayground.heap-mb=N sets the limit
            read-file.js        | 1024 | 1 | denied: Error: access to /etc/passwd is denied: scripts may read only files in
            """)
    void thePlaygroundStopsOrRefusesAHostileScriptWithOneLine(String script, int heapMb, int exitCode, String line) throws Exception {
        // Each limit is made small or large enough that the others cannot stop the script first.
        // The heap limit held is 3/4 of the serial GC's old generation, which is 2/3 of -Xmx: half
        // of -Xmx (SANDBOX.md); with -Xmx256m one huge array exhausts the heap at once.
        long heldMb = Math.min(256, heapMb / 2);
        Programs.Result run = Programs.playground(HOSTILE.resolve(script), "-Xmx" + heapMb + "m",
                "-Dplayground.seconds=" + (script.startsWith("loop") ? 1 : 600), "-Dplayground.output-kb=64", "-Dplayground.heap-mb=256");
        assertEquals(exitCode, run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().startsWith(line.formatted(heldMb)), run.stderr());
        assertTrue(run.stdout().length() <= 64 * 1024 + 1, "bounded output: " + run.stdout().length());
    }

    private static boolean watchdogRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("js-watchdog"));
    }

    // --- misuse by the host ---

    @Test
    void aClosedSandboxCannotBeUsedAgain() {
        sandbox.close();
        assertThrows(IllegalStateException.class, () -> sandbox.eval("1"));
    }

    @Test
    void aMissingModuleFolderIsAClearError(@TempDir Path temp) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new Sandbox(temp.resolve("nothing-here"), Duration.ofSeconds(1), out, out));
        assertTrue(e.getMessage().contains("nothing-here does not exist; run `make` first"), e.getMessage());
    }
}
